"""spaCy config training beside the rules: a base config (``init-config``) and converters that
carry annotations through the normalizer onto normalized Docs (``convert``)."""
