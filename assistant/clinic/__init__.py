"""The clinic's own records: profile, practitioners, devices, products."""
