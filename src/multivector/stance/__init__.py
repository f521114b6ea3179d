"""multivector.stance"""
