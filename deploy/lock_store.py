"""Rasa's Redis lock store, made safe for several Rasa servers.

Rasa 3.6's RedisLockStore reads a conversation's lock, changes it and writes it back as
separate Redis commands. When two servers receive a message for the same conversation at
the same moment, both can take the same ticket and handle the two messages at once; the
SQL tracker store then keeps only one of them, and the other message is lost without an
error (RasaHQ/rasa#9213; the fix in #11256 was reverted in #11428). Here every change to
a lock is one Redis transaction (WATCH ... MULTI/EXEC), tried again if another server
changed the lock in between, so tickets are unique and a lock is never dropped while a
message is still waiting for it.

In endpoints.yml: lock_store type `deploy.lock_store.AtomicRedisLockStore`
(LOCK_STORE_TYPE), with the same url, port, db, password and key_prefix as type `redis`.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Optional, Text

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        # Rasa builds a lock store named by class path from the whole endpoint config.
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _change(self, conversation_id: Text, change: Callable[[TicketLock], Any], create: bool = False,
                delete_when_idle: bool = False) -> Any:
        """Apply `change` to the conversation's lock as one transaction; return its result.

        With `create`, a missing lock is made; otherwise nothing happens to a missing lock.
        With `delete_when_idle`, the lock is removed if no ticket is left in it.
        """
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    stored = pipe.get(key)
                    if stored is None and not create:
                        pipe.unwatch()
                        return None
                    lock = (TicketLock.from_dict(json.loads(stored)) if stored is not None
                            else self.create_lock(conversation_id))
                    result = change(lock)
                    pipe.multi()
                    if delete_when_idle and not lock.is_someone_waiting():
                        pipe.delete(key)
                    else:
                        pipe.set(key, lock.dumps())
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue  # another server changed this lock meanwhile: read it again

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            return self._change(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime), create=True)
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}")

    def update_lock(self, conversation_id: Text) -> None:
        self._change(conversation_id, lambda lock: lock.remove_expired_tickets())

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number), delete_when_idle=True)
