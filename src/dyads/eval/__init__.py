"""Evaluation: ``dyads eval`` on public gold sets (one reader per format, scoring in
``sets``, floors in ``gate``, the report in ``report``) and throughput (``throughput``)."""
