"""Extension points of core (no hidden side effects here)."""
