// Generated from libs/contracts/src/gateway/nginx.ts; do not edit.
var SERVICES = ["auth","social","media","catalog","order"];

async function check(r) {
  var results = await Promise.all(
    SERVICES.map(function (name) {
      return r.subrequest('/_ready/' + name).then(
        function (reply) { return { service: name, status: reply.status }; },
        function () { return { service: name, status: 502 }; }
      );
    })
  );
  var services = {};
  var ready = true;
  results.forEach(function (result) {
    services[result.service] = result.status === 200 ? 'ready' : 'unavailable';
    if (result.status !== 200) { ready = false; }
  });
  if (ready) {
    r.headersOut['Content-Type'] = 'application/json';
    r.return(200, JSON.stringify({ status: 'ready', services: services }));
  } else {
    r.headersOut['Content-Type'] = 'application/problem+json';
    r.return(503, JSON.stringify({
      type: 'about:blank', title: 'Service Unavailable', status: 503,
      detail: 'Not every service is ready', services: services
    }));
  }
}

export default { check };
