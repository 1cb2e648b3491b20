"""Templates: the `{{slot}}` markdown compiler (`compiler`), the section schemas derived from it (`schemas`), the
catalogue of built-in and user templates (`catalog`), mojibake repair (`mojibake`), and the built-in templates as
package data (`backend.md`).
"""
