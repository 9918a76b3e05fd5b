package io.latchkey.authserver.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

/**
 * Registered clients kept in memory, by id and by client id. Only used while
 * {@link #isTrusted() trusted}, that is while this node hears of every change made by any
 * node (see {@link RegisteredClientChangeListener}); otherwise every lookup goes to the
 * database.
 */
@Component
class RegisteredClientCache {

	private final Map<String, RegisteredClient> byId = new ConcurrentHashMap<>();

	private final Map<String, RegisteredClient> byClientId = new ConcurrentHashMap<>();

	/**
	 * Grows with every eviction, so a lookup that raced with one does not cache what it
	 * read.
	 */
	private final AtomicLong generation = new AtomicLong();

	private final AtomicLong announcementsHeard = new AtomicLong();

	private volatile boolean trusted;

	boolean isTrusted() {
		return this.trusted;
	}

	/**
	 * Trusting starts and ends with an empty cache: changes may have been missed before.
	 */
	void setTrusted(boolean trusted) {
		evictAll();
		this.trusted = trusted;
	}

	RegisteredClient findById(String id, Supplier<RegisteredClient> load) {
		return find(this.byId, id, load);
	}

	RegisteredClient findByClientId(String clientId, Supplier<RegisteredClient> load) {
		return find(this.byClientId, clientId, load);
	}

	void evict(String id) {
		this.generation.incrementAndGet();
		this.byId.remove(id);
		this.byClientId.values().removeIf((client) -> client.getId().equals(id));
	}

	/** Evicts a client a node (another, or this one) announced as changed. */
	void evictAnnounced(String id) {
		evict(id);
		this.announcementsHeard.incrementAndGet();
	}

	/** How many announcements this node has heard, for tests that wait for one. */
	long announcementsHeard() {
		return this.announcementsHeard.get();
	}

	void evictAll() {
		this.generation.incrementAndGet();
		this.byId.clear();
		this.byClientId.clear();
	}

	private RegisteredClient find(Map<String, RegisteredClient> index, String key, Supplier<RegisteredClient> load) {
		if (!this.trusted) {
			return load.get();
		}
		RegisteredClient cached = index.get(key);
		if (cached != null) {
			return cached;
		}
		long before = this.generation.get();
		RegisteredClient loaded = load.get();
		if (loaded != null && this.trusted && this.generation.get() == before) {
			this.byId.put(loaded.getId(), loaded);
			this.byClientId.put(loaded.getClientId(), loaded);
		}
		return loaded;
	}

}
