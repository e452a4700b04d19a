"""Files people already use: vCard and CSV in and out (no database here; services wire it)."""
