"""multivector.quotes"""
