"""The provider's number inventory: what is on record for each of our numbers."""
