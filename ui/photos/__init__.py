"""Photos: the panel, the windows and side-by-side comparison."""
