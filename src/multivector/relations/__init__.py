"""multivector.relations"""
