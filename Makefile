# drpkit: thin targets, one command each. See README.md.
MVN ?= mvn -B -ntp
RUNBOOK := src/runbook/target/runbook
# quick builds leave the sources and Javadoc jars to `make install`
QUICK := -Dmaven.javadoc.skip=true -Dmaven.source.skip=true

.PHONY: build install demo test bench soak clean

build:
	$(MVN) -DskipTests $(QUICK) package

install:
	$(MVN) -DskipTests install

demo: build
	scripts/demo $(RUNBOOK)

test:
	$(MVN) install
	scripts/archetype-check

bench: build
	scripts/bench $(RUNBOOK)

# the long adversarial tests (*Soak: 1,000 /config, 500 slow clients, fd exhaustion), with figures
soak:
	$(MVN) verify -Psoak -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false

clean:
	$(MVN) -q clean
