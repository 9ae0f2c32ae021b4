"""The register pages: member units and alliances."""
