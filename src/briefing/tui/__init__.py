"""The terminal reader: a Textual app over a library loaded beforehand by the domain."""
