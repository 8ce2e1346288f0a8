"""Renderers from model objects to Rich `Text`, shared by the reader and the command line.

Everything rendered here comes from a briefing or a source text, so it is built from `Text`
parts and never passed through a markup parser.
"""
