package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One scrape of a server's {@code /metrics}, as Prometheus reads it: each series (its name and
 * labels, exactly as written, e.g. {@code parley_messages_received_total{protocol="line"}}) and
 * its value. A series the server did not write reads as 0, like a counter not yet counted.
 */
final class Scrape {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String text;
    private final Map<String, Double> series = new HashMap<>();

    private Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
    }

    static Scrape of(ParleyServer server) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.adminPort() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        return new Scrape(response.body());
    }

    double value(String series) {
        return this.series.getOrDefault(series, 0.0);
    }

    /** How much {@code series} moved since {@code before}. */
    double since(Scrape before, String series) {
        return value(series) - before.value(series);
    }
}
