# drpkit: thin targets, one command each. See README.md.
MVN ?= mvn -B -ntp
RUNBOOK := target/runbook

.PHONY: build demo test bench clean

build:
	$(MVN) -DskipTests package

demo: build
	scripts/demo $(RUNBOOK)

test:
	$(MVN) verify

bench: build
	scripts/bench $(RUNBOOK)

clean:
	$(MVN) -q clean
