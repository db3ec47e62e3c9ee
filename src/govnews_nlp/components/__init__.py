"""The rule components: officials, capacities and projects, slogans."""
