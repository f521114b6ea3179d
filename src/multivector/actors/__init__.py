"""multivector.actors"""
