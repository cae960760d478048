"""Search: backend-neutral filters, their sentences and chips, facets, and the SQL they become."""

from .filters import Chip, Filters, chips, filters_from_params, sentence, to_params, with_value, without

__all__ = ["Chip", "Filters", "chips", "filters_from_params", "sentence", "to_params", "with_value", "without"]
