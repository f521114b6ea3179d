"""multivector.events"""
