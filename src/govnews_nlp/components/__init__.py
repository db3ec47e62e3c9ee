"""The pipeline components: one subpackage per rule component, and the entity step.

``officials/`` (people and title chains), ``capacity/`` (quantities, investments, projects),
``slogans/`` (formulas and campaigns) each write their span groups and extensions;
``entities`` merges the groups into ``doc.ents``. ``base`` holds what the rule components share
(rule tables loaded in ``initialize`` and saved by ``to_disk``, one scorer style).
"""
