"""Stock: the window, receiving and scanning, recall by lot."""
