"""The commands that act on editions as a whole: new, add, preview, build --watch, and build progress."""
