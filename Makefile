# drpkit: thin targets, one command each. See README.md.
MVN ?= mvn -B -ntp
RUNBOOK := target/runbook

.PHONY: build demo test bench soak clean

build:
	$(MVN) -DskipTests package

demo: build
	scripts/demo $(RUNBOOK)

test:
	$(MVN) verify

bench: build
	scripts/bench $(RUNBOOK)

# the long adversarial tests (*Soak: 1,000 /config, 500 slow clients, fd exhaustion), with figures
soak:
	$(MVN) verify -Psoak -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false

clean:
	$(MVN) -q clean
