"""The demo clinic: realistic patients, visits and a day, marked as demo data."""
