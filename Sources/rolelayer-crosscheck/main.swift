// Replaced by the cross-check adapter (reads fixtures, writes Swift results).
print("{}")
