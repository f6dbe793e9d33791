"""The newsdiff terminal app (Textual): article panes side by side with shared entities,
conflicting figures and search matches highlighted; notes saved to the comparison YAML.

Nothing here extracts or compares: every span shown comes from the engine (``newsdiff``).
"""
