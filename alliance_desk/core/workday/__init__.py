"""社区工作日 / 双报到双服务: pure rules (member states, hours, sheet checks, masking, rates)."""
