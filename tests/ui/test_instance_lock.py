from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSysInfo

from alliance_desk.ui.instance_lock import DatabaseInUseError, InstanceLock, lock_path


def test_a_second_lock_on_the_same_file_is_refused(tmp_path: Path) -> None:
    database = tmp_path / "工作台.sqlite"
    first = InstanceLock(database)
    assert first.try_acquire()
    assert lock_path(database).exists()
    second = InstanceLock(database)
    assert not second.try_acquire()
    message = second.refusal_message()
    assert str(database) in message
    assert "另一个党建联盟工作台" in message
    assert str(QCoreApplication.applicationPid()) in message
    first.release()
    assert not lock_path(database).exists()
    assert second.try_acquire()
    second.release()


def test_acquire_or_raise_and_context_manager(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite"
    with InstanceLock.acquire_or_raise(database) as held:
        assert held.held
        with pytest.raises(DatabaseInUseError) as refused:
            InstanceLock.acquire_or_raise(database)
        assert str(database) in refused.value.message
    assert not held.held
    with InstanceLock(database):
        pass


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite"
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    dead_pid = int(finished.stdout)
    lock_path(database).write_text(
        f"{dead_pid}\npython\n{QSysInfo.machineHostName()}\n", encoding="utf-8"
    )
    lock = InstanceLock(database)
    assert lock.try_acquire()
    lock.release()
