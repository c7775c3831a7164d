// Replaced by the simulator implementation.
