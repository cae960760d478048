"""Speed and memory measurements (``wirewatch bench``)."""
