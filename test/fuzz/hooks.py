"""Checks of the fuzzer in `npm test` that know the few rules of ours a built-in check cannot (schemathesis.toml).

Each rule excuses one answer, recognised by its problem code and the request part that causes it, and is stated
in the OpenAPI document; every other answer goes to the built-in check unchanged.
"""

import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import positive_data_acceptance

COMMANDS = {
    "/api/Ticket",
    "/api/Ticket/{id}/message",
    "/api/Ticket/{id}/note",
    "/api/Ticket/{id}/close",
    "/api/Ticket/{id}/resolve",
    "/api/Ticket/{id}/status",
    "/api/Ticket/{id}/assign",
    "/api/Ticket/{id}/priority",
    "/api/Ticket/{id}/attachment",
}
TICKET = "/api/Ticket/{id}"


def _problem_code(response):
    try:
        return response.json().get("code")
    except Exception:
        return None


def _sent(mapping, name):
    return any(key.lower() == name.lower() for key in (mapping or {}))


def _operation(case):
    return case.operation.method.upper(), case.operation.path


def _accepted_by_our_rules(response, case):
    code = _problem_code(response)
    method, path = _operation(case)
    if method == "POST" and path in COMMANDS:
        # If-Match: 412 when the ticket has moved on; Idempotency-Key: 422 when reused with another body
        if code == "PRECONDITION_FAILED":
            return _sent(case.headers, "If-Match")
        if code == "IDEMPOTENCY_KEY_REUSED":
            return _sent(case.headers, "Idempotency-Key")
        # the seed's contract: a closed ticket takes no reply, file or status, and closing it again is 400
        if code in ("TICKET_CLOSED", "TICKET_ALREADY_CLOSED"):
            return True
        # assign: "exactly one of the two" (agentId, group)
        return code == "VALIDATION_FAILED" and path == "/api/Ticket/{id}/assign"
    if (method, path) == ("GET", TICKET):
        # minVersion above every version the ticket has is 409 at once; more waits than a key's share are 429
        if code in ("MIN_VERSION_AHEAD", "TOO_MANY_WAITS"):
            return _sent(case.query, "minVersion")
        both = _sent(case.query, "asOf") and _sent(case.query, "minVersion")
        return code == "VALIDATION_FAILED" and both
    return False


@schemathesis.check
def positive_data_acceptance_under_ticket_rules(ctx, response, case):
    if _operation(case) not in {("POST", p) for p in COMMANDS} | {("GET", TICKET)}:
        return None
    if _accepted_by_our_rules(response, case):
        return None
    return positive_data_acceptance(ctx, response, case)


@schemathesis.check
def not_a_server_error_under_ticket_rules(ctx, response, case):
    if _operation(case) != ("GET", TICKET):
        return None
    # minVersion: "waits up to 3 s for the read model to reach version n, else 503 with Retry-After: 1"
    behind = (
        _problem_code(response) in ("READ_MODEL_BEHIND", "WAIT_CAPACITY_REACHED")
        and _sent(case.query, "minVersion")
        and response.headers.get("retry-after")
    )
    if response.status_code == 503 and behind:
        return None
    return not_a_server_error(ctx, response, case)
