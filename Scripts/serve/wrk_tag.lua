-- wrk script for `tagcli serve`: POST /tag with one sentence per request, cycling through the
-- JSON bodies in the file named by $TAG_BODIES (one body per line; loadtest.py writes it).
--   TAG_BODIES=/tmp/bodies.jsonl wrk -t1 -c32 -d10s --latency -s Scripts/serve/wrk_tag.lua http://127.0.0.1:PORT
local bodies = {}
local counter = 0

function init(args)
  for line in io.lines(os.getenv("TAG_BODIES")) do
    bodies[#bodies + 1] = line
  end
  counter = math.random(#bodies)
end

function request()
  counter = counter % #bodies + 1
  return wrk.format("POST", "/tag", { ["Content-Type"] = "application/json" }, bodies[counter])
end
