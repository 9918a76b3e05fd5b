package io.latchkey.authserver.account;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import org.springframework.core.io.ClassPathResource;

/**
 * The shipped list of common passwords (see passwords/SOURCE.txt), held compactly: one
 * byte array of the sorted entries and their start offsets, about 3 MiB instead of the 20
 * MiB a hash set of strings takes, searched by bisection. Loaded on first use.
 */
final class CommonPasswords {

	private static final String RESOURCE = "passwords/common-passwords.txt.gz";

	private final byte[] entries;

	private final int[] starts;

	private CommonPasswords(byte[] entries, int[] starts) {
		this.entries = entries;
		this.starts = starts;
	}

	static CommonPasswords load() {
		try (InputStream in = new GZIPInputStream(new ClassPathResource(RESOURCE).getInputStream())) {
			byte[] text = in.readAllBytes();
			ByteArrayOutputStream entries = new ByteArrayOutputStream(text.length);
			int count = 0;
			for (byte b : text) {
				if (b == '\n') {
					count++;
				}
			}
			int[] starts = new int[count + 1];
			int entry = 0;
			int lineStart = 0;
			for (int i = 0; i < text.length; i++) {
				if (text[i] == '\n') {
					starts[entry++] = entries.size();
					entries.write(text, lineStart, i - lineStart);
					lineStart = i + 1;
				}
			}
			starts[entry] = entries.size();
			return new CommonPasswords(entries.toByteArray(), starts);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + RESOURCE, ex);
		}
	}

	int size() {
		return this.starts.length - 1;
	}

	/** Whether the password, ignoring case, is on the list. */
	boolean contains(String password) {
		byte[] key = password.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
		int low = 0;
		int high = size() - 1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			int order = Arrays.compareUnsigned(this.entries, this.starts[middle], this.starts[middle + 1], key, 0,
					key.length);
			if (order < 0) {
				low = middle + 1;
			}
			else if (order > 0) {
				high = middle - 1;
			}
			else {
				return true;
			}
		}
		return false;
	}

}
