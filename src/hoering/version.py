"""The package version, in a module that imports nothing, so every other module can read it."""

__version__ = "0.1.0"
