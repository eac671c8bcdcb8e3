package dev.authkit.testkit.internal;

import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.RecordedRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Every request a FakeWorkOS received, in arrival order. Thread-safe; reads are snapshots. */
public final class RequestJournal {
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    /** Records {@code request} and returns how many requests the journal then holds (the request's number). */
    public int record(RecordedRequest request) {
        requests.add(request);
        return requests.size();
    }

    public List<RecordedRequest> all() {
        return List.copyOf(requests);
    }

    public List<RecordedRequest> of(Endpoint endpoint) {
        return requests.stream().filter(r -> r.endpoint() == endpoint).collect(Collectors.toList());
    }

    public void clear() {
        requests.clear();
    }
}
