"""联席会议 page: schedule, agenda, attendance, minutes, decisions → commitments, printing."""
