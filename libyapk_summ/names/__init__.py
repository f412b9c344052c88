"""Names and places: the gazetteer, world data (CLDR, GeoNames), titles, romanisation, descriptions."""
