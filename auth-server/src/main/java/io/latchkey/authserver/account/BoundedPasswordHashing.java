package io.latchkey.authserver.account;

import java.util.concurrent.Semaphore;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Lets only as many password hashes run at once as there are cores. Argon2id at our cost
 * holds 19 MiB for each hash in progress; more hashes at once than cores would not finish
 * sooner (each is pure computation), but would hold that memory for every waiting
 * sign-in, so a burst of sign-ins would grow the heap by 19 MiB per request. With the
 * gate, memory stays at 19 MiB per core and a sign-in waits its turn instead.
 */
final class BoundedPasswordHashing implements PasswordEncoder {

	private final PasswordEncoder delegate;

	private final Semaphore permits;

	BoundedPasswordHashing(PasswordEncoder delegate, int concurrentHashes) {
		this.delegate = delegate;
		this.permits = new Semaphore(concurrentHashes, true);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		this.permits.acquireUninterruptibly();
		try {
			return this.delegate.encode(rawPassword);
		}
		finally {
			this.permits.release();
		}
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		this.permits.acquireUninterruptibly();
		try {
			return this.delegate.matches(rawPassword, encodedPassword);
		}
		finally {
			this.permits.release();
		}
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

}
