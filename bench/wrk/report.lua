-- wrk script for bench/run.py: counts 2xx and other answers per thread and
-- prints one JSON line at the end. BENCH_PATHS="/a,/b" cycles through paths
-- (the write test's read load); without it every request is wrk's own URL.

local threads = {}
local paths = {}
for path in string.gmatch(os.getenv("BENCH_PATHS") or "", "[^,]+") do
  table.insert(paths, path)
end

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok = 0
  other = 0
  redirects = 0
  position = 0
  local_hit = 0
  hit = 0
  stale = 0
  miss = 0
end

if #paths > 0 then
  function request()
    position = position % #paths + 1
    return wrk.format(nil, paths[position])
  end
end

function response(status, headers, body)
  local state = headers["X-Page-Cache"]
  if state == "LOCAL" then
    local_hit = local_hit + 1
  elseif state == "HIT" then
    hit = hit + 1
  elseif state == "STALE" then
    stale = stale + 1
  elseif state == "MISS" then
    miss = miss + 1
  end
  if status >= 200 and status < 300 then
    ok = ok + 1
  else
    other = other + 1
    if status >= 300 and status < 400 then
      redirects = redirects + 1
    end
  end
end

function done(summary, latency, requests)
  local total_ok, total_other, total_redirects = 0, 0, 0
  local total_local, total_hit, total_stale, total_miss = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    total_local = total_local + thread:get("local_hit")
    total_hit = total_hit + thread:get("hit")
    total_stale = total_stale + thread:get("stale")
    total_miss = total_miss + thread:get("miss")
    total_ok = total_ok + thread:get("ok")
    total_other = total_other + thread:get("other")
    total_redirects = total_redirects + thread:get("redirects")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"ok": %d, "non_2xx": %d, "redirects": %d, ' ..
    '"page_cache": {"LOCAL": %d, "HIT": %d, "STALE": %d, "MISS": %d}, ' ..
    '"connect_errors": %d, "read_errors": %d, "write_errors": %d, ' ..
    '"timeouts": %d, "latency_us": {"p50": %d, "p90": %d, "p99": %d, ' ..
    '"mean": %.1f, "max": %d}}\n',
    summary.requests, summary.duration, summary.bytes,
    total_ok, total_other, total_redirects,
    total_local, total_hit, total_stale, total_miss,
    e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.mean, latency.max))
end
