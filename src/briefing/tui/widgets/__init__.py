"""The reader's panes: small widgets that report what the reader did and show what they are told."""
