"""Layout: the model -> laid-out pages (frames), a pure computation that never touches a canvas.

`edition.layout_edition` lays out a whole edition; the other modules, each a kind of page or a part of
one. The package itself imports nothing, so that the layout memo (which a build's workspace holds
before anything is laid out) does not bring in the whole layout with it.
"""
