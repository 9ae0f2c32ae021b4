"""社区工作日 / 双报到双服务 prints: 报到单 with its 回执, the masked 报到一览表 and 服务岗位
list for posting, the activity sign-in sheet, the units' 反馈函 and the 双报到统计表.

Nothing here touches the database except the ``write_*`` conveniences, which read through
the services; the layouts take the services' dataclasses.
"""
