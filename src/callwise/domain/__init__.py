"""The pure core of callwise: no I/O, no database, no clock (time is passed in)."""
