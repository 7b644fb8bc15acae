"""Reading files: safe YAML with line marks (``yaml``), the one cattrs converter (``structure``),
catalog files (``catalog_file``) and mapping-set files (``mapping_file``)."""
