-- wrk script for bench/run.py.
--
-- `wrk ... -s latency.lua URL -- bust` adds `_bench=<n>` to every request's query string, so that no
-- two requests share a URL and the page cache never answers: that measures what a page costs to build.
-- Without `bust`, every request asks for the same URL, as visitors of a popular page do.
--
-- done() prints the run's result as one JSON line, with the 95th percentile that wrk's own
-- --latency report lacks. Latencies are in microseconds; errors.status counts non-2xx/3xx responses.

init = function(args)
  if args[1] == "bust" then
    local counter = 0
    local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
    -- Defined only here, so that without `bust` wrk keeps its faster static request.
    request = function()
      counter = counter + 1
      return wrk.format(nil, wrk.path .. separator .. "_bench=" .. counter)
    end
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
