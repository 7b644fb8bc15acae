"""Building a catalog from parsed files: qualify and link (``link``), apply overlays (``overlay``).

Files come in as :class:`~skillframe._formats.yaml.Document` objects; out comes one
:class:`~skillframe._build.state.CatalogData` (definitions by kind and id, with the place
each was written), or a :class:`~skillframe.CatalogError` with every problem at once.
"""
