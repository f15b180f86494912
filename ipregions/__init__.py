"""Build the China IP Regions site from YAML facts drawn from news articles."""
