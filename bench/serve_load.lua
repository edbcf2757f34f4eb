-- wrk script for bench/serve_load.sh: rotate queries and facet selections
-- over /api/search; count non-2xx answers as errors.
local paths = {
  "/api/search?q=microsoft",
  "/api/search?q=openai&filter=claim:exclusivity-ended",
  "/api/search?filter=company:microsoft&filter=company:amazon&filter=claim:openai-multicloud",
  "/api/search?q=cloud&sort=date&page=2",
  "/api/search?filter=money:1b..100b&facets=money,company,claim",
  "/api/search?q=%22data%20centres%22&facets=stance,source",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
local bad = 0
response = function(status, headers, body)
  if status < 200 or status > 299 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.1f rps=%.1f p50_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
