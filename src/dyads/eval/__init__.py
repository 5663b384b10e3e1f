"""Evaluation: throughput now; gold-set scoring (dyads eval) next."""
