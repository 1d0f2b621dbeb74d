#!/usr/bin/env python3
"""Generate the small embedded teaching dataset shipped in ``rlhf_utils/embedded/``.

All text below was written for this project; nothing is copied from Dolly,
HH-RLHF, Wikipedia or any other dataset. The script only uses the standard
library and a fixed ``random.Random(0)``, so running it twice produces
byte-identical files.

Usage::

    python tools/make_embedded_data.py

Outputs (in ``rlhf_utils/embedded/``):

* ``sft.jsonl``        - Dolly-15k style rows: instruction, context, response, category
* ``preferences.jsonl`` - HH-RLHF style rows: chosen, rejected
* ``ppo_prompts.txt``  - colon-style training prompts for PPO, one per line
* ``test_prompts.txt`` - held-out colon-style prompts, disjoint from all of the above
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "rlhf_utils" / "embedded"

SEED = 0
SFT_QA_COUNT = 240
CLASSIFICATION_COUNT = 50
MAX_REJECTED_REPEATS = 5


class QAItem(NamedTuple):
    """A factual or how-to question with one good answer.

    ``sft`` is the phrasing used in sft.jsonl, ``hh`` a differently worded,
    conversational phrasing used in preferences.jsonl.
    ``kind`` is "o" (open_qa) or "g" (general_qa).
    """

    domain: str
    topic: str
    kind: str
    sft: str
    hh: str
    answer: str


class Brainstorm(NamedTuple):
    topic: str
    sft: str
    hh: str
    response: str


class Creative(NamedTuple):
    topic: str
    sft: str
    hh: str
    response: str


class TwoTurn(NamedTuple):
    domain: str
    topic: str
    q1: str
    a1: str
    q2: str
    a2: str


class Passage(NamedTuple):
    topic: str
    text: str
    question: str
    answer: str
    extract: str
    extracted: str
    summary: str


class ClassGroup(NamedTuple):
    singular: str
    plural: str
    items: tuple[str, ...]


class ClassTable(NamedTuple):
    prompts: tuple[str, ...]
    groups: tuple[ClassGroup, ...]


Q = QAItem

# ---------------------------------------------------------------------------
# Question-answer bank (one topic per entry).
# ---------------------------------------------------------------------------

QA_ITEMS: list[QAItem] = [
    # Physical science
    Q(
        "science", "photosynthesis", "o", "What is photosynthesis?", "How do plants make their own food?",
        "Photosynthesis is the process plants use to turn sunlight, water and carbon dioxide into sugar, which they "
        "use for energy. Oxygen is released as a by-product, which is why plants are so important for the air we "
        "breathe."
    ),
    Q(
        "science", "rainbows", "g", "Explain how a rainbow forms.", "Why do rainbows appear after it rains?",
        "A rainbow forms when sunlight enters raindrops, bends, reflects off the back of each drop and bends again as "
        "it leaves. Each color bends by a slightly different amount, so white light spreads out into a band of colors."
    ),
    Q(
        "science", "the color of the sky", "g", "Why is the sky blue?",
        "Can you tell me what makes the sky look blue during the day?",
        "Sunlight contains all colors, but the gases in the air scatter short blue wavelengths much more strongly "
        "than long red ones. This scattered blue light reaches our eyes from every direction, so the whole sky looks "
        "blue."
    ),
    Q(
        "science", "gravity", "o", "What is gravity?", "What exactly is gravity?",
        "Gravity is the force of attraction between objects that have mass. It keeps us on the ground, holds the Moon "
        "in orbit around Earth and keeps Earth in orbit around the Sun."
    ),
    Q(
        "science", "the boiling point of water", "o", "At what temperature does water boil?",
        "What temperature does water boil at?",
        "At sea level, pure water boils at 100 degrees Celsius, or 212 degrees Fahrenheit. At higher altitudes the "
        "air pressure is lower, so water boils at a slightly lower temperature."
    ),
    Q(
        "science", "atoms", "o", "What is an atom?", "Can you explain what atoms are made of?",
        "An atom is the smallest unit of a chemical element. It has a tiny nucleus of protons and neutrons, "
        "surrounded by electrons that move around it."
    ),
    Q(
        "science", "the states of matter", "o", "Name the three common states of matter.",
        "What are the main states of matter?",
        "The three common states of matter are solid, liquid and gas. A solid keeps its shape, a liquid takes the "
        "shape of its container, and a gas spreads out to fill whatever space it is in."
    ),
    Q(
        "science", "thunder and lightning", "g", "Why do we see lightning before we hear thunder?",
        "How come lightning shows up before the thunder?",
        "Light travels nearly a million times faster than sound, so the flash reaches you almost instantly while the "
        "sound takes longer. Sound covers roughly one kilometer every three seconds, which lets you estimate how far "
        "away a storm is."
    ),
    Q(
        "science", "magnets", "g", "How do magnets work?", "What makes a magnet stick to the fridge?",
        "Inside a magnet, countless tiny magnetic regions point in the same direction, creating a magnetic field with "
        "a north and a south pole. Opposite poles attract, like poles repel, and the field also pulls on metals such "
        "as iron, nickel and cobalt."
    ),
    Q(
        "science", "friction", "o", "What is friction?", "Why do things slow down when they slide?",
        "Friction is a force that resists motion when two surfaces rub against each other. It slows sliding objects, "
        "turns some of their energy into heat, and is also what lets our shoes grip the ground."
    ),
    Q(
        "science", "electric circuits", "g", "Explain how a simple electric circuit works.",
        "How does a light bulb turn on when I flip a switch?",
        "A circuit is a closed loop that lets electric current flow from a power source, through wires and devices, "
        "and back again. Closing a switch completes the loop, so current flows through the bulb and makes it light up."
    ),
    Q(
        "science", "evaporation", "o", "What is evaporation?", "Where does the water go when a puddle dries up?",
        "Evaporation is when a liquid slowly turns into a gas at its surface. When a puddle dries up, its water "
        "molecules escape into the air as water vapor, helped along by warmth and wind."
    ),
    Q(
        "science", "floating and sinking", "g", "Why do some objects float in water while others sink?",
        "How come a huge ship floats but a small stone sinks?",
        "An object floats if it weighs less than the water it pushes aside, which depends on its overall density. A "
        "steel ship is shaped to enclose a lot of air, so it displaces enough water to float, while a solid stone is "
        "denser than water and sinks."
    ),
    Q(
        "science", "the periodic table", "o", "What is the periodic table?", "What is the periodic table used for?",
        "The periodic table is a chart that arranges all known chemical elements by atomic number. Elements in the "
        "same column have similar properties, which helps chemists predict how they will behave."
    ),
    Q(
        "science", "rust", "g", "Why does iron rust?", "What causes rust on my bike chain?",
        "Rust forms when iron reacts with oxygen and water to make iron oxide. Keeping metal dry, oiled or painted "
        "stops moisture from reaching it and slows the process down."
    ),
    Q(
        "science", "acids and bases", "o", "What is the difference between an acid and a base?",
        "Can you explain acids and bases in simple terms?",
        "Acids have a pH below 7 and taste sour, like lemon juice or vinegar, while bases have a pH above 7 and feel "
        "slippery, like soap. When an acid and a base react, they can neutralize each other."
    ),
    Q(
        "science", "the conservation of energy", "o", "What does the law of conservation of energy say?",
        "Can you explain the idea that energy can never be destroyed?",
        "The law of conservation of energy says that energy cannot be created or destroyed, only changed from one "
        "form to another. For example, a falling ball turns stored energy into motion, and some of it becomes heat "
        "and sound when it lands."
    ),
    Q(
        "science", "temperature conversion", "o", "How do you convert Celsius to Fahrenheit?",
        "What is the formula for turning Celsius into Fahrenheit?",
        "Multiply the Celsius temperature by 9, divide by 5 and then add 32. For example, 20 degrees Celsius is 68 "
        "degrees Fahrenheit."
    ),
    # Space
    Q(
        "space", "the planets of the solar system", "o", "How many planets are in the solar system?",
        "How many planets orbit our Sun?",
        "There are eight planets in our solar system: Mercury, Venus, Earth, Mars, Jupiter, Saturn, Uranus and "
        "Neptune. Pluto was reclassified as a dwarf planet in 2006."
    ),
    Q(
        "space", "black holes", "o", "What is a black hole?", "Can you explain black holes in simple terms?",
        "A black hole is a region of space where gravity is so strong that nothing, not even light, can escape. Many "
        "form when very massive stars collapse at the end of their lives."
    ),
    Q(
        "space", "the phases of the Moon", "g", "Why does the Moon change shape during the month?",
        "What causes the phases of the Moon?",
        "The Moon does not make its own light, so we only see the half that the Sun lights up. As the Moon orbits "
        "Earth over about a month, we see different portions of that lit half, which creates the phases from new moon "
        "to full moon."
    ),
    Q(
        "space", "the seasons", "g", "What causes the seasons on Earth?", "Why is it hot in summer and cold in winter?",
        "The seasons happen because Earth's axis is tilted by about 23.5 degrees. When your hemisphere leans toward "
        "the Sun, sunlight arrives more directly and days are longer, giving summer, and when it leans away, you get "
        "winter."
    ),
    Q(
        "space", "the Sun", "o", "What is the Sun made of?", "What is our Sun actually made of?",
        "The Sun is a star made mostly of hydrogen and helium. In its core, nuclear fusion joins hydrogen into "
        "helium, releasing the energy that reaches us as light and heat."
    ),
    Q(
        "space", "Mars", "o", "Why is Mars called the Red Planet?", "Why does Mars look red?",
        "Mars looks red because its surface is covered in dust and rocks rich in iron oxide, which is essentially "
        "rust. This reddish dust is also blown into its thin atmosphere, tinting the sky."
    ),
    Q(
        "space", "Jupiter", "o", "What is the largest planet in the solar system?", "Which planet is the biggest one?",
        "Jupiter is the largest planet in the solar system, about eleven times wider than Earth. It is a gas giant "
        "made mostly of hydrogen and helium and is famous for its Great Red Spot, a huge, long-lasting storm."
    ),
    Q(
        "space", "light-years", "o", "What is a light-year?", "Is a light-year a measure of time?",
        "A light-year is a unit of distance, not time. It is how far light travels in one year, which is about 9.46 "
        "trillion kilometers."
    ),
    Q(
        "space", "solar eclipses", "o", "What is a solar eclipse?", "What happens during a solar eclipse?",
        "A solar eclipse happens when the Moon passes between Earth and the Sun, blocking some or all of the Sun's "
        "light. You should never look at one directly without proper eclipse glasses, because it can damage your eyes."
    ),
    Q(
        "space", "the International Space Station", "o", "What is the International Space Station?",
        "What do astronauts do on the International Space Station?",
        "The International Space Station is a large research laboratory that orbits Earth about every 90 minutes. "
        "Astronauts from several countries live there for months, running experiments on how space affects materials, "
        "plants and the human body."
    ),
    Q(
        "space", "twinkling stars", "g", "Why do stars twinkle?", "What makes the stars twinkle at night?",
        "Stars twinkle because their light passes through layers of moving air in Earth's atmosphere, which bend it "
        "slightly in shifting directions. Planets usually twinkle less because they appear as tiny discs rather than "
        "single points of light."
    ),
    Q(
        "space", "ocean tides", "g", "What causes ocean tides?", "Why does the sea go in and out every day?",
        "Tides are caused mainly by the Moon's gravity pulling on Earth's oceans, with some help from the Sun. As "
        "Earth rotates, most coasts pass through two high tides and two low tides roughly every day."
    ),
    Q(
        "space", "the Milky Way", "o", "What is the Milky Way?", "What exactly is the Milky Way galaxy?",
        "The Milky Way is the spiral galaxy that contains our solar system. It holds hundreds of billions of stars, "
        "and on a dark night you can see it as a faint band of light across the sky."
    ),
    Q(
        "space", "comets", "o", "What is a comet?", "Why do comets have tails?",
        "A comet is a small icy body that orbits the Sun. When it comes close to the Sun, its ice turns to gas and "
        "releases dust, forming a glowing head and long tails that point away from the Sun."
    ),
    Q(
        "space", "the Moon landing", "o", "When did humans first land on the Moon?",
        "Who were the first people to walk on the Moon?",
        "Humans first landed on the Moon on July 20, 1969, during NASA's Apollo 11 mission. Neil Armstrong stepped "
        "out first, followed by Buzz Aldrin, while Michael Collins stayed in orbit."
    ),
    # Earth and nature
    Q(
        "earth", "volcanoes", "g", "How do volcanoes form?", "Why do volcanoes erupt?",
        "Volcanoes form where melted rock called magma rises from deep inside Earth to the surface. Pressure from gas "
        "and magma builds up underground, and an eruption happens when it is released through an opening in the crust."
    ),
    Q(
        "earth", "measuring earthquakes", "o", "How are earthquakes measured?",
        "What scale do scientists use for earthquakes?",
        "Earthquakes are measured with instruments called seismometers, which record how the ground shakes. "
        "Scientists today usually report their size on the moment magnitude scale, where each whole step means about "
        "32 times more energy released."
    ),
    Q(
        "earth", "Mount Everest", "o", "How tall is Mount Everest?", "Can you tell me about Mount Everest?",
        "Mount Everest is about 8,849 meters tall, making it the highest mountain above sea level. It sits in the "
        "Himalayas on the border between Nepal and China."
    ),
    Q(
        "earth", "the Pacific Ocean", "o", "What is the largest ocean on Earth?", "Which ocean is the biggest?",
        "The Pacific Ocean is the largest ocean on Earth, covering roughly a third of the planet's surface. It "
        "stretches from Asia and Australia in the west to the Americas in the east."
    ),
    Q(
        "earth", "the Nile", "o", "What is the longest river in the world?", "Which river is the longest?",
        "The Nile in Africa is usually listed as the longest river in the world, at about 6,650 kilometers. Some "
        "measurements put the Amazon in South America slightly ahead, so the title is still debated."
    ),
    Q(
        "earth", "deserts", "o", "What makes a place a desert?", "Are all deserts hot?",
        "A desert is defined by how little rain it gets, usually less than about 250 millimeters a year, not by its "
        "temperature. That is why Antarctica counts as a desert even though it is extremely cold."
    ),
    Q(
        "earth", "rainforests", "o", "Why are rainforests important?", "What makes tropical rainforests so special?",
        "Rainforests are home to around half of the world's plant and animal species, even though they cover a small "
        "part of the land. They also store huge amounts of carbon and help shape rainfall patterns far beyond their "
        "borders."
    ),
    Q(
        "earth", "the continents", "o", "How many continents are there?", "Can you name all the continents?",
        "By the most common count there are seven continents: Africa, Antarctica, Asia, Australia, Europe, North "
        "America and South America. Some countries teach fewer by combining Europe and Asia or North and South "
        "America."
    ),
    Q(
        "earth", "glaciers", "o", "What is a glacier?", "How do glaciers form?",
        "A glacier is a large mass of ice that forms over many years as snow piles up and gets compressed. Glaciers "
        "move slowly downhill under their own weight and can carve out valleys as they go."
    ),
    Q(
        "earth", "clouds", "g", "How do clouds form?", "What are clouds made of?",
        "Clouds form when warm, moist air rises and cools, causing water vapor to condense into tiny droplets or ice "
        "crystals around specks of dust. Billions of these droplets together make the clouds we see."
    ),
    Q(
        "earth", "hurricanes", "o", "What is a hurricane?", "How do hurricanes get so strong?",
        "A hurricane is a powerful tropical storm with winds of at least 119 kilometers per hour that spin around a "
        "calm center called the eye. Hurricanes draw their energy from warm ocean water, which is why they weaken "
        "once they move over land."
    ),
    Q(
        "earth", "soil", "o", "What is soil made of?", "What is actually in garden soil?",
        "Soil is a mix of tiny rock particles, decaying plant and animal matter, water, air and countless living "
        "organisms. Good soil holds the moisture and nutrients that plants need to grow."
    ),
    Q(
        "earth", "coral reefs", "o", "What are coral reefs?", "Are coral reefs alive?",
        "Coral reefs are underwater structures built by tiny animals called coral polyps, which make hard skeletons "
        "of calcium carbonate. Reefs cover a small part of the ocean floor but support about a quarter of all marine "
        "species."
    ),
    Q(
        "earth", "the Sahara", "o", "Where is the Sahara Desert?", "How big is the Sahara?",
        "The Sahara covers much of North Africa and is the largest hot desert in the world, roughly the size of the "
        "United States. It spans more than ten countries, including Egypt, Algeria, Libya and Morocco."
    ),
    Q(
        "earth", "the Amazon rainforest", "o", "Where is the Amazon rainforest?",
        "Which countries does the Amazon rainforest cover?",
        "The Amazon rainforest covers a large part of northern South America. Most of it lies in Brazil, but it also "
        "stretches into Peru, Colombia and several other countries."
    ),
    Q(
        "earth", "autumn leaves changing color", "g", "Why do leaves change color in autumn?",
        "Why do leaves turn red and yellow in the fall?",
        "In autumn, trees stop making chlorophyll, the green pigment used for photosynthesis. As the green fades, "
        "yellow and orange pigments that were there all along show through, and some trees also make red pigments."
    ),
    Q(
        "earth", "plant growth", "g", "What do plants need to grow?", "What does a houseplant need to stay healthy?",
        "Plants need light, water, air and nutrients from the soil to grow well. Most houseplants also do best with "
        "good drainage and a spot that is not too hot or too cold."
    ),
    # Geography: capitals
    Q(
        "geography", "Japan", "o", "What is the capital of Japan?", "Which city is Japan's capital?",
        "The capital of Japan is Tokyo. It is one of the largest cities in the world and the center of Japan's "
        "government and economy."
    ),
    Q(
        "geography", "Australia", "o", "What is the capital of Australia?", "Is Sydney the capital of Australia?",
        "The capital of Australia is Canberra, not Sydney as many people assume. Canberra was purpose-built as a "
        "compromise between Sydney and Melbourne, the two largest cities."
    ),
    Q(
        "geography", "Canada", "o", "What is the capital of Canada?", "Which city is the capital of Canada?",
        "The capital of Canada is Ottawa, which is in the province of Ontario. It is home to Parliament Hill, where "
        "the national government meets."
    ),
    Q(
        "geography", "Brazil", "o", "What is the capital of Brazil?", "Is Rio de Janeiro the capital of Brazil?",
        "The capital of Brazil is Brasília, not Rio de Janeiro. Brasília was built in the late 1950s and became the "
        "capital in 1960, replacing Rio."
    ),
    Q(
        "geography", "Kenya", "o", "What is the capital of Kenya?", "What is Kenya's capital city?",
        "The capital of Kenya is Nairobi, which is also the country's largest city. It is known for Nairobi National "
        "Park, a wildlife reserve right on the edge of the city."
    ),
    Q(
        "geography", "Egypt", "o", "What is the capital of Egypt?", "Which city is the capital of Egypt?",
        "The capital of Egypt is Cairo, which lies on the banks of the Nile River. The famous pyramids of Giza are "
        "just outside the city."
    ),
    Q(
        "geography", "Germany", "o", "What is the capital of Germany?", "Which city is Germany's capital?",
        "The capital of Germany is Berlin, which is also its largest city. Berlin was divided by a wall from 1961 "
        "until 1989, and the country was reunified in 1990."
    ),
    Q(
        "geography", "India", "o", "What is the capital of India?", "What is the capital city of India?",
        "The capital of India is New Delhi, which is part of the larger Delhi metropolitan area. It houses the "
        "national parliament and many government offices."
    ),
    Q(
        "geography", "Spain", "o", "What is the capital of Spain?", "Which city is the capital of Spain?",
        "The capital of Spain is Madrid, located near the center of the country. It is known for its art museums, "
        "including the Prado."
    ),
    Q(
        "geography", "Argentina", "o", "What is the capital of Argentina?", "What is Argentina's capital?",
        "The capital of Argentina is Buenos Aires, which sits on the Río de la Plata estuary. It is famous for its "
        "grand architecture and is closely tied to the history of tango."
    ),
    Q(
        "geography", "South Korea", "o", "What is the capital of South Korea?",
        "Which city is the capital of South Korea?",
        "The capital of South Korea is Seoul, a large modern city of nearly ten million people. It is a major center "
        "for technology, music and food."
    ),
    Q(
        "geography", "Turkey", "o", "What is the capital of Turkey?", "Is Istanbul the capital of Turkey?",
        "The capital of Turkey is Ankara, not Istanbul, which is the largest city. Ankara became the capital in 1923 "
        "when the modern Turkish republic was founded."
    ),
    Q(
        "geography", "Mexico", "o", "What is the capital of Mexico?", "Which city is Mexico's capital?",
        "The capital of Mexico is Mexico City, one of the largest cities in the Americas. It was built on the site of "
        "the ancient Aztec city of Tenochtitlan."
    ),
    Q(
        "geography", "Norway", "o", "What is the capital of Norway?", "Which city is the capital of Norway?",
        "The capital of Norway is Oslo, which sits at the head of the Oslofjord. It is known for its waterfront, its "
        "museums and easy access to forests and hiking trails."
    ),
    Q(
        "geography", "New Zealand", "o", "What is the capital of New Zealand?",
        "Is Auckland the capital of New Zealand?",
        "The capital of New Zealand is Wellington, at the southern tip of the North Island. Auckland is the largest "
        "city, but Wellington is home to the parliament."
    ),
    Q(
        "geography", "Nigeria", "o", "What is the capital of Nigeria?", "Is Lagos the capital of Nigeria?",
        "The capital of Nigeria is Abuja, which replaced Lagos as the capital in 1991. Lagos is still the country's "
        "largest city and its main business hub."
    ),
]

QA_ITEMS += [
    # Human body and biology
    Q(
        "biology", "the human heart", "o", "What does the heart do?", "How does my heart work?",
        "The heart is a muscular pump that pushes blood around your body. Its right side sends blood to the lungs to "
        "pick up oxygen, and its left side pumps that oxygen-rich blood out to the rest of the body."
    ),
    Q(
        "biology", "the lungs", "o", "What is the job of the lungs?", "What happens inside my body when I breathe?",
        "The lungs bring oxygen into the body and remove carbon dioxide. When you breathe in, air fills tiny sacs "
        "called alveoli, where oxygen passes into the blood and carbon dioxide passes out to be exhaled."
    ),
    Q(
        "biology", "DNA", "o", "What is DNA?", "Can you explain DNA in simple words?",
        "DNA is the molecule that carries the genetic instructions for how living things grow, function and "
        "reproduce. It is shaped like a twisted ladder, called a double helix, and is found in almost every cell."
    ),
    Q(
        "biology", "cells", "o", "What is a cell in biology?", "What are cells?",
        "A cell is the smallest unit of life that can carry out all the processes needed to live. Some organisms, "
        "like bacteria, are a single cell, while the human body is made of trillions of them."
    ),
    Q(
        "biology", "the human skeleton", "o", "How many bones are in the adult human body?",
        "How many bones does a grown-up have?",
        "An adult human has 206 bones. Babies are born with more, around 270, but many of them fuse together as the "
        "body grows."
    ),
    Q(
        "biology", "the immune system", "o", "What does the immune system do?", "How does my body fight off germs?",
        "The immune system defends the body against germs such as bacteria and viruses. White blood cells find and "
        "destroy invaders, and the body can remember many germs so it responds faster the next time."
    ),
    Q(
        "biology", "vaccines", "g", "Explain how vaccines work.", "How do vaccines protect people?",
        "A vaccine trains the immune system by showing it a harmless piece or weakened form of a germ. The body "
        "learns to recognize it and makes antibodies, so it can fight off the real germ quickly if it ever meets it."
    ),
    Q(
        "biology", "sleep", "g", "Why do we need sleep?", "Why is sleep so important?",
        "Sleep gives the body time to repair itself and lets the brain store memories and clear out waste. Most "
        "adults need seven to nine hours a night to feel alert and stay healthy."
    ),
    Q(
        "biology", "the brain", "o", "What does the brain do?", "How does the human brain work?",
        "The brain is the body's control center, made of billions of nerve cells that send electrical and chemical "
        "signals. It handles thinking, memory, emotions and movement, and it keeps automatic functions like breathing "
        "going."
    ),
    Q(
        "biology", "the sense of taste", "o", "What are the five basic tastes?",
        "How many basic tastes can people detect?",
        "The five basic tastes are sweet, sour, salty, bitter and umami, which is a savory taste found in foods like "
        "broth, cheese and mushrooms. Much of what we call flavor also comes from smell."
    ),
    Q(
        "biology", "teeth", "o", "How many teeth do adults have?", "How many adult teeth should a person have?",
        "Most adults have 32 teeth, including four wisdom teeth. Many people have fewer because their wisdom teeth "
        "never develop or are removed."
    ),
    # Animals
    Q(
        "animals", "bees and pollination", "o", "Why are bees important?",
        "Why do people say we need to save the bees?",
        "Bees pollinate many of the plants we eat by carrying pollen from flower to flower as they feed. Without "
        "them, crops like apples, almonds and many berries would produce far less food."
    ),
    Q(
        "animals", "mammals", "o", "What makes an animal a mammal?",
        "How do scientists decide if an animal is a mammal?",
        "Mammals are warm-blooded animals that have hair or fur and feed their young with milk. Most give birth to "
        "live young, although a few, such as the platypus, lay eggs."
    ),
    Q(
        "animals", "whales", "o", "Is a whale a fish?", "Are whales fish or mammals?",
        "No, a whale is not a fish but a mammal. Whales breathe air through blowholes, are warm-blooded and feed "
        "their calves with milk."
    ),
    Q(
        "animals", "octopuses", "o", "How many hearts does an octopus have?",
        "I heard octopuses have more than one heart. Is that right?",
        "An octopus has three hearts: two pump blood through its gills, and the third pumps it around the rest of its "
        "body. Its blood is also blue because it uses a copper-based protein to carry oxygen."
    ),
    Q(
        "animals", "chameleons", "g", "Why do chameleons change color?", "Do chameleons change color just to hide?",
        "Chameleons change color mainly to communicate and to control their body temperature, not just to blend in. "
        "They do it by adjusting tiny crystals in their skin that reflect light differently."
    ),
    Q(
        "animals", "penguins", "o", "Where do penguins live?", "Do penguins only live at the South Pole?",
        "Penguins live almost entirely in the Southern Hemisphere, and not only in Antarctica. Different species live "
        "in South America, southern Africa, Australia and New Zealand, and one species even lives on the Galápagos "
        "Islands near the equator."
    ),
    Q(
        "animals", "dogs wagging their tails", "o", "Why do dogs wag their tails?",
        "What does it mean when a dog wags its tail?",
        "Dogs wag their tails to communicate their feelings. A loose, wide wag usually means a dog is happy, but a "
        "stiff or fast wag can signal excitement or tension, so it helps to look at the rest of its body too."
    ),
    Q(
        "animals", "cats purring", "o", "Why do cats purr?", "What does it mean when a cat purrs?",
        "Cats often purr when they are relaxed and content, but they also purr when they are stressed, hurt or giving "
        "birth. Scientists think purring may help calm them and could even support healing."
    ),
    Q(
        "animals", "bird migration", "o", "Why do birds migrate?", "Why do some birds fly south for the winter?",
        "Birds migrate to find food and good places to breed as the seasons change. Many fly toward warmer regions in "
        "winter when insects and other food become scarce, then return in spring to nest."
    ),
    Q(
        "animals", "elephants", "o", "What is the largest land animal?",
        "Which animal is the biggest one living on land?",
        "The African elephant is the largest land animal, with big males weighing around six tonnes. Elephants are "
        "also known for their intelligence, strong family bonds and excellent memories."
    ),
    Q(
        "animals", "the blue whale", "o", "What is the largest animal that has ever lived?",
        "What is the biggest animal ever?",
        "The blue whale is the largest animal known to have ever lived, reaching about 30 meters in length. It feeds "
        "almost entirely on tiny shrimp-like animals called krill."
    ),
    Q(
        "animals", "cheetahs", "o", "What is the fastest land animal?", "Which animal can run the fastest?",
        "The cheetah is the fastest land animal, able to sprint at around 100 kilometers per hour. It can only keep "
        "up that speed for a short burst of a few hundred meters."
    ),
    Q(
        "animals", "metamorphosis", "g", "How does a caterpillar become a butterfly?",
        "What happens inside a chrysalis?",
        "A caterpillar eats and grows, then forms a protective case called a chrysalis. Inside, its body breaks down "
        "and reorganizes into a butterfly, which later emerges with wings."
    ),
    Q(
        "animals", "amphibians", "o", "What is an amphibian?", "Why are frogs called amphibians?",
        "Amphibians are cold-blooded animals, such as frogs, toads and salamanders, that usually start life in water "
        "and later live partly on land. Many of them breathe partly through their thin, moist skin."
    ),
    Q(
        "animals", "hibernation", "o", "What is hibernation?", "How do bears get through the winter?",
        "Hibernation is a deep, long rest that some animals use to survive winter when food is scarce. Their heart "
        "rate, breathing and body temperature drop so they can live off stored fat for months."
    ),
    Q(
        "animals", "spiders", "o", "Are spiders insects?", "Is a spider a kind of insect?",
        "No, spiders are not insects; they are arachnids. Spiders have eight legs and two main body parts, while "
        "insects have six legs and three body parts."
    ),
    Q(
        "animals", "fish", "o", "How do fish breathe?", "How can fish breathe underwater?",
        "Fish breathe using gills, which take in oxygen that is dissolved in the water. Water flows in through the "
        "mouth and over the gills, where oxygen passes into the blood before the water flows out."
    ),
    # Health basics
    Q(
        "health", "drinking water", "g", "Why is it important to drink enough water?",
        "How much water should I drink each day?",
        "Water helps control body temperature, carries nutrients and keeps your organs working properly. A common "
        "guide is six to eight glasses a day, but you may need more when it is hot or when you exercise."
    ),
    Q(
        "health", "physical activity guidelines", "o", "How much exercise do adults need?",
        "How much should I exercise each week?",
        "Health guidelines suggest that adults aim for at least 150 minutes of moderate activity a week, such as "
        "brisk walking, plus muscle-strengthening exercises twice a week. Even short bursts of activity add up and "
        "are better than none."
    ),
    Q(
        "health", "handwashing", "g", "Why should you wash your hands?",
        "Does washing my hands really stop me from getting sick?",
        "Washing your hands with soap removes germs that can cause illnesses like colds and stomach bugs. Scrub for "
        "at least 20 seconds, especially before eating and after using the toilet."
    ),
    Q(
        "health", "a balanced diet", "g", "What is a balanced diet?", "What should a healthy plate of food look like?",
        "A balanced diet includes plenty of vegetables and fruit, whole grains, a source of protein and some healthy "
        "fats. It also means limiting sugary drinks, heavily processed foods and too much salt."
    ),
    Q(
        "health", "sunscreen", "g", "Why should people wear sunscreen?", "Do I really need sunscreen on cloudy days?",
        "Sunscreen protects your skin from ultraviolet rays, which cause sunburn, early aging and skin cancer. UV "
        "rays pass through clouds, so it is worth wearing sunscreen on overcast days too."
    ),
    Q(
        "health", "stress", "g", "What are some healthy ways to handle stress?",
        "How can I calm down when I feel stressed?",
        "Slow, deep breathing, a short walk and talking to someone you trust can all help when you feel stressed. "
        "Regular sleep, exercise and breaks from screens also make stress easier to manage over time."
    ),
    Q(
        "health", "colds and flu", "o", "What is the difference between a cold and the flu?",
        "How can I tell if I have a cold or the flu?",
        "Both are caused by viruses, but the flu usually comes on suddenly with fever, body aches and exhaustion. A "
        "cold tends to be milder, with a runny nose and sore throat, and if symptoms are severe it is best to see a "
        "doctor."
    ),
    Q(
        "health", "antibiotics", "o", "Do antibiotics work against viruses?", "Should I take antibiotics for a cold?",
        "Antibiotics kill bacteria but do not work against viruses, so they will not help a cold or the flu. Taking "
        "them when they are not needed also helps bacteria become resistant, so only use them when a doctor "
        "prescribes them."
    ),
    Q(
        "health", "good posture", "g", "Why is good posture important?", "How can I sit better at my desk?",
        "Good posture reduces strain on your back, neck and shoulders. At a desk, keep your feet flat, your screen at "
        "eye level and your back supported, and stand up to move every half hour or so."
    ),
    Q(
        "health", "vitamin D", "o", "What does vitamin D do?", "Why do people say we get vitamin D from the sun?",
        "Vitamin D helps your body absorb calcium, which keeps bones and teeth strong. Your skin makes it when "
        "exposed to sunlight, and it is also found in foods like oily fish and eggs."
    ),
    Q(
        "health", "eye strain", "g", "How can you reduce eye strain from screens?",
        "My eyes get tired from staring at my computer. What can I do?",
        "Try the 20-20-20 rule: every 20 minutes, look at something 20 feet away for 20 seconds. It also helps to "
        "reduce glare, keep the screen about an arm's length away and remember to blink."
    ),
    Q(
        "health", "calories", "o", "What is a calorie?", "What does it mean when food has a lot of calories?",
        "A calorie is a unit of energy, and the calories in food tell you how much energy it provides. Your body "
        "needs energy to function, but regularly eating more than you use can lead to weight gain."
    ),
    Q(
        "health", "treating minor burns", "g", "What should you do for a minor burn?",
        "I just burned my finger on the stove. What should I do?",
        "Cool the burn under cool, not icy, running water for about 20 minutes, then cover it loosely with a clean "
        "dressing. Avoid butter or ice, and see a doctor if the burn is large, blistering badly or on the face."
    ),
    Q(
        "health", "resting heart rate", "o", "What is a normal resting heart rate?",
        "What heart rate is normal when I am resting?",
        "For most adults, a normal resting heart rate is between 60 and 100 beats per minute. Regular exercise tends "
        "to lower it, and very fit athletes may have rates around 40 to 60."
    ),
    Q(
        "health", "walking", "g", "What are the health benefits of walking?",
        "Is walking every day actually good for me?",
        "Regular walking strengthens your heart, helps manage weight and improves mood. It is gentle on the joints, "
        "and even a brisk 30-minute walk on most days can make a real difference."
    ),
    Q(
        "health", "added sugar", "g", "Why is too much sugar bad for you?", "Is eating a lot of sugar really that bad?",
        "Eating a lot of added sugar can lead to weight gain, tooth decay and a higher risk of type 2 diabetes. "
        "Natural sugars in whole fruit are less of a concern because they come with fiber and nutrients."
    ),
    Q(
        "health", "allergies", "o", "What is an allergy?", "Why do some people get hay fever?",
        "An allergy is when the immune system overreacts to something that is usually harmless, such as pollen, dust "
        "or certain foods. With hay fever, pollen triggers sneezing, itchy eyes and a runny nose."
    ),
    # Food and cooking
    Q(
        "food", "boiled eggs", "g", "How do you hard-boil an egg?",
        "How long should I boil an egg so the yolk is firm?",
        "Place the egg in boiling water and cook it for about 9 to 12 minutes for a firm yolk. Then move it into cold "
        "water to stop the cooking and make it easier to peel."
    ),
    Q(
        "food", "cooking rice", "g", "How do you cook white rice on the stove?",
        "What is the easiest way to cook rice?",
        "Rinse the rice, then simmer one cup of it in about one and a half to two cups of water with a lid on for "
        "around 15 to 18 minutes. Let it rest, still covered, for five minutes and fluff it with a fork before "
        "serving."
    ),
    Q(
        "food", "yeast in bread", "g", "Why does bread dough rise?", "What does yeast actually do in bread?",
        "Yeast feeds on sugars in the dough and releases carbon dioxide gas. The gas gets trapped in the stretchy "
        "gluten network, making the dough rise and giving bread its light, airy texture."
    ),
    Q(
        "food", "kitchen knife safety", "g", "How can you use a kitchen knife safely?",
        "Do you have any tips so I don't cut myself while chopping?",
        "Keep your knife sharp, since dull blades slip more easily, and curl your fingertips under when holding food. "
        "Cut on a stable board, and never try to catch a falling knife."
    ),
    Q(
        "food", "cooking pasta", "g", "How do you cook pasta properly?", "How do I keep my pasta from getting mushy?",
        "Cook pasta in a large pot of well-salted, rapidly boiling water and stir it in the first minute so it does "
        "not stick. Start tasting a minute or two before the package time, and drain it when it is tender but still "
        "slightly firm."
    ),
    Q(
        "food", "storing leftovers", "g", "How long can you keep leftovers in the fridge?",
        "Are leftovers still safe to eat after a few days?",
        "Most cooked leftovers are safe in the fridge for about three to four days if they were cooled and stored "
        "promptly. If you will not eat them by then, freeze them, and throw out anything that smells or looks off."
    ),
    Q(
        "food", "vinaigrette", "g", "How do you make a basic vinaigrette?",
        "What is a simple salad dressing I can make at home?",
        "A classic vinaigrette uses about three parts oil to one part vinegar, with a pinch of salt and pepper. Shake "
        "or whisk it together, and add mustard or honey if you want it creamier or sweeter."
    ),
    Q(
        "food", "baking soda and baking powder", "o", "What is the difference between baking soda and baking powder?",
        "Can I use baking soda instead of baking powder?",
        "Baking soda is a base that needs an acidic ingredient, like buttermilk or yogurt, to make baked goods rise. "
        "Baking powder already contains both the base and an acid, so the two are not simple one-for-one substitutes."
    ),
    Q(
        "food", "onions", "o", "Why do onions make you cry?", "Why do my eyes water when I cut onions?",
        "Cutting an onion breaks its cells and releases a compound that turns into an irritating gas. When that gas "
        "reaches your eyes, they make tears to wash it away, and chilling the onion first can help."
    ),
    Q(
        "food", "seasoning with salt", "g", "Why do recipes tell you to salt food while cooking?",
        "When should I add salt when I cook?",
        "Salting during cooking lets the salt spread evenly and bring out the natural flavors of the food. Adding a "
        "little at several stages and tasting as you go usually works better than adding a lot at the end."
    ),
    Q(
        "food", "sourdough bread", "o", "What is sourdough bread?", "How is sourdough different from regular bread?",
        "Sourdough is bread leavened with a starter, a mix of flour and water full of wild yeast and bacteria, "
        "instead of packaged yeast. The slow fermentation gives it a tangy flavor and a chewy texture."
    ),
    Q(
        "food", "protein", "o", "What is protein and why do we need it?", "Why do people say protein is so important?",
        "Protein provides the building blocks your body uses to build and repair muscles, skin and other tissues. "
        "Good sources include beans, lentils, eggs, dairy, fish, meat and tofu."
    ),
    Q(
        "food", "kitchen hygiene", "g", "How do you avoid cross-contamination in the kitchen?",
        "Is it okay to use the same cutting board for raw chicken and vegetables?",
        "It is safest to use separate cutting boards for raw meat and for foods that will not be cooked, such as "
        "salad vegetables and bread. Wash boards, knives and your hands with hot, soapy water after handling raw meat."
    ),
    Q(
        "food", "ripening fruit", "g", "How can you make an avocado ripen faster?",
        "My avocados are rock hard. How can I speed them up?",
        "Put the avocado in a paper bag with a banana or an apple and leave it at room temperature. These fruits "
        "release ethylene gas, which speeds up ripening, usually within a day or two."
    ),
    Q(
        "food", "vegetable soup", "g", "How do you make a simple vegetable soup?",
        "What is an easy soup for a beginner cook?",
        "Soften chopped onion, carrot and celery in a little oil, then add other vegetables, stock and seasoning. "
        "Simmer for about 20 to 30 minutes until everything is tender, and blend it if you like a smooth soup."
    ),
    Q(
        "food", "caffeine", "o", "How does caffeine keep you awake?", "Why does coffee wake me up?",
        "Caffeine blocks adenosine, a chemical that builds up in the brain during the day and makes you feel sleepy. "
        "Its effects can last several hours, so it is best to avoid it late in the afternoon if you want to sleep "
        "well."
    ),
    Q(
        "food", "tea", "o", "What is the difference between green tea and black tea?",
        "Do green tea and black tea come from the same plant?",
        "Green, black, white and oolong teas all come from the same plant, Camellia sinensis. The difference lies in "
        "how the leaves are processed, especially how much they are allowed to oxidize."
    ),
    Q(
        "food", "chocolate", "o", "What is chocolate made from?", "How is chocolate made?",
        "Chocolate is made from the seeds of the cacao tree, which are fermented, dried, roasted and ground into a "
        "paste. This paste is mixed with sugar and often milk to make the chocolate we eat."
    ),
    Q(
        "food", "sushi", "o", "What is sushi?", "Does sushi always have raw fish in it?",
        "Sushi is a Japanese dish built around vinegared rice, often combined with seafood, vegetables or seaweed. "
        "Not all sushi contains raw fish, and many popular kinds use cooked fish, egg or vegetables instead."
    ),
    Q(
        "food", "meal prepping", "g", "What is meal prepping?", "How can I save time cooking during the week?",
        "Meal prepping means cooking or preparing food in advance, often on the weekend, for several meals ahead. "
        "Cooking a big batch of grains, roasting vegetables and portioning meals into containers can save time and "
        "money on busy days."
    ),
]

QA_ITEMS += [
    # Everyday life and home
    Q(
        "home", "doing laundry", "g", "How do you keep colors from running in the wash?",
        "How do I stop my clothes from changing color in the washing machine?",
        "Wash new dark or bright clothes separately the first few times, and use cold water, which makes dyes less "
        "likely to run. Sorting lights from darks and turning clothes inside out also helps."
    ),
    Q(
        "home", "watering houseplants", "g", "How often should you water houseplants?",
        "How do I know when to water my plants?",
        "Most houseplants should be watered when the top few centimeters of soil feel dry, rather than on a strict "
        "schedule. Overwatering is a common mistake, so make sure the pot can drain well."
    ),
    Q(
        "home", "a morning routine", "g", "What makes a good morning routine?", "How can I start my mornings better?",
        "A good morning routine often includes waking at a steady time, drinking some water, getting a little "
        "daylight and eating a simple breakfast. Preparing clothes and bags the night before also makes mornings "
        "calmer."
    ),
    Q(
        "home", "keeping a tidy home", "g", "How can you keep a home tidy with little effort?",
        "I never have time to clean. How can I keep my place tidy?",
        "Spend ten minutes each day putting things back where they belong, and give every item a set home. Handling "
        "small messes right away stops them from piling up into a big cleaning job."
    ),
    Q(
        "home", "smoke alarms", "g", "How often should you test a smoke alarm?",
        "Do I need to check my smoke detector?",
        "It is a good idea to test smoke alarms once a month by pressing the test button. Replace the batteries at "
        "least once a year, or as the manufacturer recommends, and replace the whole alarm about every ten years."
    ),
    Q(
        "home", "moving house", "g", "How can you make moving to a new home easier?",
        "I am moving next month. How should I prepare?",
        "Start packing early, label each box with its contents and room, and keep essentials like chargers, medicine "
        "and toiletries in one bag. Booking movers or a van well ahead also avoids last-minute stress."
    ),
    Q(
        "home", "time management", "g", "What is a simple way to manage your time better?",
        "I always run out of time. How can I manage my day better?",
        "Write a short list of your most important tasks each morning and do the hardest one first. Blocking time on "
        "a calendar and limiting distractions, like phone notifications, also helps a lot."
    ),
    Q(
        "home", "procrastination", "g", "How can you stop procrastinating?", "How do I stop putting things off?",
        "Break the task into small steps and commit to working on the first one for just five minutes. Starting is "
        "often the hardest part, and removing distractions makes it easier to keep going."
    ),
    Q(
        "home", "making friends as an adult", "g", "How can adults make new friends?",
        "It is hard to make friends after school. Do you have any ideas?",
        "Joining a club, class or volunteer group lets you meet people who share your interests and see them "
        "regularly. Friendships grow through repeated contact, so keep showing up and suggest small plans like coffee "
        "or a walk."
    ),
    Q(
        "home", "choosing a gift", "g", "How do you choose a good gift for someone?",
        "I never know what to buy people. How should I pick a present?",
        "Think about the person's hobbies and anything they have mentioned wanting or needing recently. A thoughtful, "
        "useful gift or a shared experience often means more than an expensive one."
    ),
    Q(
        "home", "recycling", "g", "Why is recycling important?", "Does recycling actually make a difference?",
        "Recycling turns used materials into new products, which saves raw materials and energy and reduces landfill "
        "waste. It works best when items are clean and sorted correctly, and reducing and reusing things matter even "
        "more."
    ),
    Q(
        "home", "thank-you notes", "g", "What should you include in a thank-you note?",
        "How do I write a nice thank-you card?",
        "Thank the person for the specific gift or favor and mention how you are using it or why it mattered to you. "
        "End with a warm closing, and keep the note short and sincere."
    ),
    Q(
        "home", "phone battery life", "g", "How can you make a phone battery last longer?",
        "My phone dies by lunchtime. How can I save battery?",
        "Lower the screen brightness, turn off features you are not using, such as Bluetooth or location, and close "
        "apps that run in the background. Battery-saver mode can also stretch your charge when you need it."
    ),
    Q(
        "home", "public speaking", "g", "How can you become less nervous about public speaking?",
        "I get really nervous when I have to speak in front of people. What can I do?",
        "Practice your talk out loud several times, ideally in front of a friend, so the words feel familiar. Slow "
        "breathing before you start helps, and remember that the audience usually wants you to succeed."
    ),
    Q(
        "home", "decluttering", "g", "How do you start decluttering a room?",
        "My closet is overflowing. Where do I begin?",
        "Start with one small area, like a single drawer or shelf, and sort items into keep, donate and throw away. "
        "If you have not used something in a year, it is often safe to let it go."
    ),
    Q(
        "home", "getting a pet", "g", "What should you consider before getting a pet?",
        "I am thinking of getting a dog. What should I think about first?",
        "Consider how much time, space and money you can give an animal every day for its whole life. Research the "
        "needs of the specific breed or species, and think about who will care for it when you travel."
    ),
    Q(
        "home", "starting a vegetable garden", "g", "What is the best way to start a vegetable garden?",
        "I want to grow my own vegetables. How do I begin?",
        "Start small with a sunny spot or a few containers and easy crops such as lettuce, radishes, beans or herbs. "
        "Use good soil, water regularly and add more plants once you see what grows well."
    ),
    # History
    Q(
        "history", "the Roman Empire", "o", "When did the Western Roman Empire fall?", "When did the Roman Empire end?",
        "The Western Roman Empire is usually said to have fallen in 476, when the last emperor in the west was "
        "removed from power. The Eastern Roman Empire, known as the Byzantine Empire, lasted until 1453."
    ),
    Q(
        "history", "the printing press", "o", "Who invented the printing press?",
        "Why was the printing press such a big deal?",
        "Johannes Gutenberg developed a printing press with movable metal type in Germany around 1440. It made books "
        "far cheaper and faster to produce, helping ideas and literacy spread across Europe."
    ),
    Q(
        "history", "the Egyptian pyramids", "o", "Why were the pyramids of Egypt built?",
        "What were the Egyptian pyramids for?",
        "The pyramids of ancient Egypt were built as tombs for pharaohs and their families. The Great Pyramid of "
        "Giza, built around 4,500 years ago, was the tallest human-made structure in the world for thousands of years."
    ),
    Q(
        "history", "World War One", "o", "When did World War One take place?",
        "What years did the First World War last?",
        "World War One lasted from 1914 to 1918. It involved many of the world's major powers and ended with an "
        "armistice on November 11, 1918."
    ),
    Q(
        "history", "World War Two", "o", "When did World War Two end?", "What year did the Second World War finish?",
        "World War Two ended in 1945. Germany surrendered in May, and Japan surrendered in August, with the formal "
        "signing taking place on September 2."
    ),
    Q(
        "history", "the Industrial Revolution", "o", "What was the Industrial Revolution?",
        "Why was the Industrial Revolution important?",
        "The Industrial Revolution was a period, beginning in Britain in the late 1700s, when production shifted from "
        "hand tools to machines and factories. It transformed work, transport and city life, powered largely by steam "
        "engines and coal."
    ),
    Q(
        "history", "the Great Wall of China", "o", "Why was the Great Wall of China built?",
        "What was the Great Wall of China for?",
        "The Great Wall of China was built and rebuilt over many centuries to protect Chinese states from raids and "
        "invasions from the north. It also helped control trade and movement along the border."
    ),
    Q(
        "history", "the Magna Carta", "o", "What was the Magna Carta?", "Why is the Magna Carta famous?",
        "The Magna Carta was a charter agreed to by King John of England in 1215. It limited the king's power and "
        "established the idea that even rulers must follow the law."
    ),
    Q(
        "history", "the Renaissance", "o", "What was the Renaissance?", "What does the Renaissance refer to?",
        "The Renaissance was a period of renewed interest in art, science and classical learning that began in Italy "
        "in the 1300s and spread across Europe. Artists such as Leonardo da Vinci and Michelangelo worked during this "
        "time."
    ),
    Q(
        "history", "the voyages of Columbus", "o", "When did Christopher Columbus first reach the Americas?",
        "What year did Columbus sail to the Americas?",
        "Christopher Columbus first reached the Americas in 1492, landing in the Bahamas after sailing from Spain. "
        "Indigenous peoples had already lived across the Americas for thousands of years."
    ),
    Q(
        "history", "the Berlin Wall", "o", "When did the Berlin Wall fall?",
        "What happened to the Berlin Wall in 1989?",
        "The Berlin Wall fell on November 9, 1989, when East German authorities opened the border crossings. Its fall "
        "became a symbol of the end of the Cold War, and Germany reunified the following year."
    ),
    Q(
        "history", "the origins of the Olympic Games", "o", "Where did the Olympic Games begin?",
        "How old are the Olympics?",
        "The Olympic Games began in ancient Greece, at Olympia, with the first recorded games in 776 BC. The modern "
        "Olympics were revived in Athens in 1896."
    ),
    Q(
        "history", "the Silk Road", "o", "What was the Silk Road?", "Why was the Silk Road important?",
        "The Silk Road was a network of trade routes linking China with Central Asia, the Middle East and Europe. "
        "Along with silk and spices, it carried ideas, religions and inventions between cultures."
    ),
    Q(
        "history", "the first airplane flight", "o", "Who made the first powered airplane flight?",
        "When did people first fly in an airplane?",
        "Orville and Wilbur Wright made the first controlled, powered airplane flight on December 17, 1903, near "
        "Kitty Hawk, North Carolina. That first flight lasted about 12 seconds and covered around 37 meters."
    ),
    Q(
        "history", "Nelson Mandela", "o", "Who was Nelson Mandela?", "Why is Nelson Mandela so admired?",
        "Nelson Mandela was a South African leader who fought against apartheid and spent 27 years in prison for his "
        "activism. After his release, he became South Africa's first Black president in 1994 and worked for "
        "reconciliation."
    ),
    Q(
        "history", "the French Revolution", "o", "When did the French Revolution begin?",
        "What started the French Revolution?",
        "The French Revolution began in 1789, driven by anger over inequality, high food prices and a government deep "
        "in debt. The storming of the Bastille on July 14 became its most famous early event."
    ),
    Q(
        "history", "Marie Curie", "o", "Who was Marie Curie?", "Why is Marie Curie famous?",
        "Marie Curie was a physicist and chemist who pioneered research on radioactivity and discovered the elements "
        "polonium and radium. She was the first woman to win a Nobel Prize and the only person to win Nobel Prizes in "
        "two different sciences."
    ),
    Q(
        "history", "the history of writing", "o", "Where was writing invented?", "Who came up with writing?",
        "One of the earliest writing systems, cuneiform, was developed in Mesopotamia, in what is now Iraq, more than "
        "5,000 years ago. Writing also developed independently in places such as Egypt, China and Mesoamerica."
    ),
    Q(
        "history", "the Titanic", "o", "When did the Titanic sink?", "What happened to the Titanic?",
        "The Titanic sank in the North Atlantic on April 15, 1912, after hitting an iceberg on its first voyage. More "
        "than 1,500 people died, partly because there were not enough lifeboats for everyone on board."
    ),
    Q(
        "history", "Cleopatra", "o", "Who was Cleopatra?", "Was Cleopatra Egyptian?",
        "Cleopatra VII was the last active ruler of the Ptolemaic Kingdom of Egypt, and she died in 30 BC. She came "
        "from a Greek-speaking Macedonian family, although she ruled Egypt and was known for learning the Egyptian "
        "language."
    ),
    Q(
        "history", "George Washington", "o", "Who was the first president of the United States?",
        "Which person served as the very first American president?",
        "George Washington was the first president of the United States, serving from 1789 to 1797. Before that, he "
        "led the Continental Army during the American Revolutionary War."
    ),
    # Technology and computing
    Q(
        "tech", "the internet", "o", "What is the internet?", "How does the internet work?",
        "The internet is a worldwide network of computers that exchange data using shared rules called protocols. "
        "Information is split into small packets that travel through routers and cables, then get reassembled at "
        "their destination."
    ),
    Q(
        "tech", "computer processors", "o", "What does a CPU do?", "What is the processor in my computer for?",
        "The CPU, or central processing unit, carries out the instructions of computer programs. It performs "
        "calculations and makes decisions billions of times per second, acting like the brain of the computer."
    ),
    Q(
        "tech", "RAM and storage", "o", "What is the difference between RAM and storage?",
        "Is RAM the same as hard drive space?",
        "RAM is fast, temporary memory that holds what your computer is working on right now, and it is cleared when "
        "the power goes off. Storage, like a hard drive or SSD, keeps your files and programs even when the computer "
        "is turned off."
    ),
    Q(
        "tech", "strong passwords", "g", "How do you create a strong password?", "What makes a password hard to guess?",
        "A strong password is long, at least 12 characters, and unique to each account. A passphrase of several "
        "random words is easy to remember, and a password manager can store the rest for you."
    ),
    Q(
        "tech", "phishing", "o", "What is phishing?", "How can I tell if an email is a scam?",
        "Phishing is a scam where someone pretends to be a trusted company or person to trick you into sharing "
        "passwords or money. Be wary of urgent messages, odd sender addresses and unexpected links, and check "
        "directly with the company if you are unsure."
    ),
    Q(
        "tech", "cloud computing", "o", "What is cloud computing?",
        "What does it mean when files are stored in the cloud?",
        "Cloud computing means using computers run by another company over the internet to store files or run "
        "software. When your photos are in the cloud, they live on that company's servers, so you can reach them from "
        "any device."
    ),
    Q(
        "tech", "algorithms", "o", "What is an algorithm?", "Can you explain what an algorithm is?",
        "An algorithm is a step-by-step set of instructions for solving a problem or completing a task. A recipe is a "
        "simple everyday example, and computers follow algorithms to sort data, find routes and much more."
    ),
    Q(
        "tech", "programming languages", "o", "What is a programming language?", "What do programming languages do?",
        "A programming language is a formal way of writing instructions that a computer can follow. Popular examples "
        "include Python, JavaScript and Java, each suited to different kinds of tasks."
    ),
    Q(
        "tech", "learning to code", "g", "What is a good first programming language to learn?",
        "I want to learn to code. Which language should I start with?",
        "Python is a popular first language because its syntax is clean and readable, and it is used in web "
        "development, data analysis and AI. The best choice also depends on your goals, so JavaScript is a good pick "
        "if you want to build websites."
    ),
    Q(
        "tech", "binary numbers", "o", "What is binary code?", "Why do computers use ones and zeros?",
        "Binary is a number system that uses only two digits, 0 and 1. Computers use it because their circuits have "
        "two easy-to-detect states, on and off, which can represent any number, letter or image when combined."
    ),
    Q(
        "tech", "Wi-Fi", "o", "How does Wi-Fi work?", "How does my laptop connect to the internet without a cable?",
        "Wi-Fi uses radio waves to send data between your device and a wireless router. The router is connected to "
        "the internet by a cable, so it passes information back and forth for all the devices nearby."
    ),
    Q(
        "tech", "computer bugs", "o", "What is a bug in software?", "Why is a computer error called a bug?",
        "A bug is a mistake in a program that makes it behave in an unexpected way. The term became popular partly "
        "because of a 1947 story in which engineers found a real moth stuck in a computer relay."
    ),
    Q(
        "tech", "open-source software", "o", "What is open-source software?",
        "What does it mean when software is open source?",
        "Open-source software is software whose source code is publicly available for anyone to read, use, change and "
        "share under its license. Examples include the Linux operating system and the Firefox web browser."
    ),
    Q(
        "tech", "encryption", "o", "What is encryption?", "How does encryption keep my messages private?",
        "Encryption scrambles information using a mathematical key so that only someone with the right key can read "
        "it. When you see a padlock in your browser, your connection to that website is encrypted."
    ),
    Q(
        "tech", "operating systems", "o", "What is an operating system?",
        "What does Windows actually do on my computer?",
        "An operating system is the main software that manages a computer's hardware and lets other programs run. "
        "Windows, macOS, Linux, Android and iOS are all examples."
    ),
    Q(
        "tech", "backing up files", "g", "Why should you back up your files?", "How should I back up my photos?",
        "Backups protect your files if a device breaks, is lost or is hit by ransomware. A good habit is to keep at "
        "least one copy on an external drive and another in cloud storage."
    ),
    Q(
        "tech", "search engines", "o", "How does a search engine work?",
        "How does a search engine find results so fast?",
        "A search engine constantly scans web pages and stores information about them in a giant index. When you "
        "search, it looks up matching pages in that index and ranks them by how relevant and trustworthy they seem."
    ),
    Q(
        "tech", "GPS", "o", "How does GPS work?", "How does my phone know where I am?",
        "GPS receivers pick up signals from several satellites orbiting Earth, each sending the exact time and its "
        "position. By comparing how long the signals took to arrive, the device works out its location, and phones "
        "also use Wi-Fi and cell towers to help."
    ),
    Q(
        "tech", "spreadsheets", "o", "What is a spreadsheet used for?", "What can I do with a spreadsheet?",
        "A spreadsheet organizes data in rows and columns and can do calculations automatically with formulas. People "
        "use spreadsheets for budgets, schedules, lists and analyzing numbers."
    ),
    Q(
        "tech", "pixels", "o", "What is a pixel?", "What does screen resolution mean?",
        "A pixel is the smallest dot of color that makes up a digital image or screen. Resolution is the number of "
        "pixels across and down, so a higher resolution shows sharper detail."
    ),
    Q(
        "tech", "3D printing", "o", "How does 3D printing work?", "How can a printer make solid objects?",
        "A 3D printer builds an object layer by layer from a digital design, usually by melting plastic and laying it "
        "down in thin lines. Each layer hardens before the next is added until the object is complete."
    ),
    Q(
        "tech", "robots", "o", "What is a robot?", "What do robots do in factories?",
        "A robot is a machine that can sense its surroundings and carry out tasks automatically, often by following a "
        "program. In factories, robots handle repetitive or heavy jobs like welding, painting and packing."
    ),
    Q(
        "tech", "electric cars", "o", "How do electric cars work?", "What powers an electric car?",
        "Electric cars run on large rechargeable batteries that power one or more electric motors. They have no "
        "tailpipe emissions and are charged by plugging into a charging point."
    ),
    Q(
        "tech", "debugging", "g", "How do programmers find bugs in their code?",
        "What is the best way to fix a bug in my program?",
        "Start by reproducing the bug reliably, then narrow down where it happens using error messages, print "
        "statements or a debugger. Changing one thing at a time and writing a test for the bug helps confirm the fix."
    ),
    Q(
        "tech", "version control", "o", "What is version control?", "Why do programmers use Git?",
        "Version control is a system that records changes to files over time so you can review history and undo "
        "mistakes. Git is the most popular tool for it, and it lets many programmers work on the same project without "
        "overwriting each other's work."
    ),
    # Artificial intelligence
    Q(
        "ai", "artificial intelligence", "o", "What is artificial intelligence?",
        "What do people mean when they talk about AI?",
        "Artificial intelligence, or AI, is the field of building computer systems that perform tasks that usually "
        "need human intelligence, such as understanding language, recognizing images or making decisions. Most AI "
        "today learns patterns from large amounts of data."
    ),
    Q(
        "ai", "how models learn", "o", "How does a machine learning model learn?",
        "How do computers learn from examples?",
        "A machine learning model learns by adjusting its internal settings to reduce its mistakes on many training "
        "examples. Over time it picks up patterns in the data, which it can then use to make predictions about new "
        "examples."
    ),
    Q(
        "ai", "neural networks", "o", "What is a neural network?", "Why are they called neural networks?",
        "A neural network is a machine learning model made of layers of simple connected units that pass numbers to "
        "one another. The design was loosely inspired by how neurons in the brain connect, which is where the name "
        "comes from."
    ),
    Q(
        "ai", "large language models", "o", "What is a large language model?", "How do AI chatbots write text?",
        "A large language model is an AI system trained on huge amounts of text to predict the next word in a "
        "sequence. By repeating that prediction, it can answer questions, summarize documents and write in a natural "
        "style, though it can still make mistakes."
    ),
    Q(
        "ai", "training data", "o", "What is training data in AI?", "Why does AI need so much data?",
        "Training data is the collection of examples an AI model learns from, such as labeled images or pieces of "
        "text. More varied, high-quality data helps a model learn patterns that hold up on new examples instead of "
        "memorizing a few cases."
    ),
    Q(
        "ai", "overfitting", "o", "What is overfitting in machine learning?",
        "Why can a model do great on its training data but badly on new data?",
        "Overfitting happens when a model memorizes the details and noise of its training data instead of learning "
        "general patterns. It then scores well on that data but poorly on new examples, which is why models are "
        "checked on separate test data."
    ),
    Q(
        "ai", "reinforcement learning", "o", "What is reinforcement learning?",
        "How does an AI learn by trial and error?",
        "Reinforcement learning is a type of machine learning where an agent learns by trying actions and receiving "
        "rewards or penalties. Over many attempts, it learns which actions lead to the highest total reward."
    ),
    Q(
        "ai", "learning from human feedback", "o", "What is reinforcement learning from human feedback?",
        "How do people teach chatbots to give better answers?",
        "Reinforcement learning from human feedback, or RLHF, trains a model using people's judgments about which "
        "responses are better. A reward model learns those preferences, and the language model is then tuned to "
        "produce answers that score highly."
    ),
    Q(
        "ai", "AI mistakes", "g", "Can AI chatbots make mistakes?", "Do AI assistants ever get things wrong?",
        "Yes, AI chatbots can make mistakes, including stating wrong facts with confidence. It is wise to "
        "double-check important information, such as medical, legal or financial advice, with reliable sources."
    ),
    Q(
        "ai", "computer vision", "o", "What is computer vision?", "How can computers recognize faces in photos?",
        "Computer vision is the field of AI that helps computers understand images and video. Models are trained on "
        "many labeled pictures so they can learn visual patterns, such as the features that make up a face."
    ),
]

QA_ITEMS += [
    # Sports and games
    Q(
        "sports", "soccer", "o", "How many players are on a soccer team on the field?",
        "How many people play on each side in soccer?",
        "Each soccer team has eleven players on the field, including one goalkeeper. A standard professional match "
        "lasts 90 minutes, split into two halves of 45 minutes."
    ),
    Q(
        "sports", "basketball", "o", "Who invented basketball?", "Where did basketball come from?",
        "Basketball was invented by James Naismith in 1891 in Springfield, Massachusetts. He created it as an indoor "
        "game to keep students active during the winter, originally using peach baskets as hoops."
    ),
    Q(
        "sports", "the marathon", "o", "How long is a marathon?", "How many miles is a marathon race?",
        "A marathon is 42.195 kilometers, or about 26.2 miles. The distance comes from the 1908 London Olympics, and "
        "the race is named after a legend about a Greek messenger running from Marathon to Athens."
    ),
    Q(
        "sports", "tennis scoring", "o", "How does scoring work in tennis?", "Why does tennis use love, 15, 30 and 40?",
        "A tennis game is scored love, 15, 30, 40 and then game, where love means zero, and a player must win by two "
        "points. Players win games to take a set, usually by reaching six games, and win sets to take the match."
    ),
    Q(
        "sports", "the Olympic rings", "o", "What do the Olympic rings represent?", "Why are there five Olympic rings?",
        "The five interlocking Olympic rings represent the union of the five inhabited continents taking part in the "
        "Games. Their colors, along with the white background, were chosen because every national flag at the time "
        "contained at least one of them."
    ),
    Q(
        "sports", "warming up", "g", "Why is it important to warm up before exercising?",
        "Do I really need to warm up before I go running?",
        "A warm-up gradually raises your heart rate and body temperature and loosens your muscles and joints. Five to "
        "ten minutes of light movement, such as brisk walking or easy jogging, lowers your risk of injury."
    ),
    Q(
        "sports", "chess", "o", "How does a game of chess end?", "How do you win at chess?",
        "You win at chess by checkmating your opponent's king, which means it is under attack and cannot escape. A "
        "game can also end in a draw, for example by stalemate or agreement, or when a player resigns."
    ),
    Q(
        "sports", "cricket", "o", "How many players are on a cricket team?", "Which countries love cricket the most?",
        "A cricket team has eleven players on the field. The sport is hugely popular in countries such as India, "
        "Pakistan, Australia, England, South Africa and the Caribbean nations."
    ),
    Q(
        "sports", "swimming strokes", "o", "What are the four main swimming strokes?",
        "Which swimming strokes are used in competitions?",
        "The four main competitive swimming strokes are freestyle, backstroke, breaststroke and butterfly. Medley "
        "races combine all four in a set order."
    ),
    Q(
        "sports", "the FIFA World Cup", "o", "How often is the FIFA World Cup held?",
        "How often does the men's soccer World Cup happen?",
        "The men's FIFA World Cup is held every four years. The first tournament took place in Uruguay in 1930, and "
        "Brazil has won it more times than any other country."
    ),
    Q(
        "sports", "starting to run", "g", "How should a beginner start running?",
        "I want to start jogging. How should I begin?",
        "Begin with short sessions that mix walking and gentle jogging, three times a week. Increase your running "
        "time slowly, wear comfortable shoes and rest if anything hurts."
    ),
    Q(
        "sports", "yoga", "o", "What are the benefits of yoga?", "Is yoga good for you?",
        "Yoga can improve flexibility, balance and strength, and its focus on breathing can help reduce stress. It "
        "can be adapted to many fitness levels, so beginners can start with gentle classes."
    ),
    Q(
        "sports", "golf", "o", "Where did golf originate?", "Which country invented golf?",
        "Modern golf developed in Scotland in the 1400s, and St Andrews is often called the home of golf. Its Old "
        "Course is one of the oldest golf courses in the world."
    ),
    Q(
        "sports", "baseball", "o", "How many innings are in a baseball game?", "How long is a baseball game?",
        "A standard professional baseball game has nine innings, and each team bats once per inning. If the score is "
        "tied after nine, extra innings are played until there is a winner."
    ),
    # Music, art and literature
    Q(
        "arts", "musical octaves", "o", "How many notes are in a musical octave?", "Why do musical scales repeat?",
        "In Western music, an octave is divided into twelve notes called semitones. A note an octave higher vibrates "
        "twice as fast, which is why it sounds like a higher version of the same note."
    ),
    Q(
        "arts", "the orchestra", "o", "What are the sections of an orchestra?", "What instruments are in an orchestra?",
        "A symphony orchestra usually has four sections: strings, woodwinds, brass and percussion. The strings, such "
        "as violins and cellos, are normally the largest group."
    ),
    Q(
        "arts", "Beethoven", "o", "Who was Ludwig van Beethoven?", "Why is Beethoven famous?",
        "Ludwig van Beethoven was a German composer whose works bridge the Classical and Romantic periods. He kept "
        "composing even after he became almost completely deaf, creating famous pieces like his Ninth Symphony."
    ),
    Q(
        "arts", "learning an instrument", "g", "How can an adult learn to play a musical instrument?",
        "Is it too late for me to learn the guitar at 40?",
        "It is never too late, and adults learn instruments all the time. Practice a little every day, even fifteen "
        "minutes, use a good teacher or structured lessons, and pick songs you enjoy to stay motivated."
    ),
    Q(
        "arts", "the Mona Lisa", "o", "Who painted the Mona Lisa?", "Where can I see the Mona Lisa?",
        "The Mona Lisa was painted by Leonardo da Vinci in the early 1500s. It hangs in the Louvre Museum in Paris, "
        "where millions of people visit it every year."
    ),
    Q(
        "arts", "Vincent van Gogh", "o", "Who was Vincent van Gogh?", "What is Van Gogh known for?",
        "Vincent van Gogh was a Dutch painter known for bold colors and expressive brushstrokes in works like The "
        "Starry Night and Sunflowers. He sold very little during his life but became one of the most famous artists "
        "in history."
    ),
    Q(
        "arts", "William Shakespeare", "o", "Who was William Shakespeare?", "Why is Shakespeare still studied today?",
        "William Shakespeare was an English playwright and poet who lived from 1564 to 1616. His plays, such as "
        "Hamlet and Romeo and Juliet, are still performed worldwide for their memorable characters and rich language."
    ),
    Q(
        "arts", "haiku", "o", "What is a haiku?", "How do you write a haiku?",
        "A haiku is a short Japanese form of poetry with three lines of five, seven and five syllables. Haiku often "
        "capture a single moment in nature or a season."
    ),
    Q(
        "arts", "novels and short stories", "o", "What is the difference between a novel and a short story?",
        "How long does a story have to be to count as a novel?",
        "A novel is a long work of fiction, usually more than about 40,000 words, with room for many characters and "
        "subplots. A short story is much shorter and typically focuses on a single event or idea."
    ),
    Q(
        "arts", "jazz", "o", "Where did jazz music originate?", "What is jazz known for?",
        "Jazz began in the early 1900s in African American communities in New Orleans. It is known for improvisation, "
        "swing rhythms and a blend of blues, ragtime and brass band traditions."
    ),
    Q(
        "arts", "primary colors", "o", "What are the primary colors in painting?",
        "Which colors can you mix to get all the others?",
        "In traditional painting, the primary colors are red, yellow and blue, which can be mixed to make many other "
        "colors. For light on screens, the primary colors are red, green and blue."
    ),
    Q(
        "arts", "the piano", "o", "How many keys does a standard piano have?",
        "Why does a piano have black and white keys?",
        "A standard piano has 88 keys: 52 white and 36 black. The white keys play the natural notes, and the black "
        "keys play the sharps and flats between them."
    ),
    Q(
        "arts", "the rule of thirds", "g", "What is the rule of thirds in photography?",
        "What does the rule of thirds mean for taking pictures?",
        "The rule of thirds means imagining a grid that divides the frame into three rows and three columns, then "
        "placing your subject along those lines or where they meet. It usually makes a photo feel more balanced than "
        "centering everything."
    ),
    Q(
        "arts", "reading books", "g", "Why is reading good for you?", "What are the benefits of reading every day?",
        "Reading builds vocabulary, improves focus and exposes you to new ideas and perspectives. Reading fiction can "
        "also strengthen empathy, and reading before bed is a relaxing way to wind down."
    ),
    Q(
        "arts", "sonnets", "o", "What is a sonnet?", "How many lines does a sonnet have?",
        "A sonnet is a poem of fourteen lines with a set rhyme scheme. Shakespeare's sonnets, for example, use three "
        "four-line sections followed by a rhyming couplet."
    ),
    Q(
        "arts", "music producers", "o", "What does a music producer do?", "What is the job of a record producer?",
        "A music producer guides the recording of a song or album, helping shape its sound, arrangement and "
        "performances. They often choose instruments and effects and work closely with the artist and engineers."
    ),
    # Travel
    Q(
        "travel", "packing light", "g", "How do you pack light for a trip?",
        "How can I fit everything into a carry-on bag?",
        "Choose clothes in a few colors that all match, roll them instead of folding, and plan to wear your bulkiest "
        "items on the plane. Limit shoes to two pairs and use travel-sized toiletries."
    ),
    Q(
        "travel", "jet lag", "g", "How can you reduce jet lag?", "What helps with jet lag after a long flight?",
        "Start shifting your sleep toward the new time zone a few days before you leave, and drink plenty of water "
        "while flying. After you arrive, get daylight during the day and try to stay awake until a normal local "
        "bedtime."
    ),
    Q(
        "travel", "passports", "o", "What is a passport used for?", "Do I need a passport to travel abroad?",
        "A passport is an official document that proves your identity and nationality when you travel between "
        "countries. Most international trips require one, and many countries also require it to be valid for several "
        "months beyond your stay."
    ),
    Q(
        "travel", "travel insurance", "g", "What does travel insurance cover?", "Is travel insurance worth buying?",
        "Travel insurance can cover medical emergencies, trip cancellations, delays and lost luggage, depending on "
        "the policy. It is especially worth considering for expensive or international trips, but always read what is "
        "included."
    ),
    Q(
        "travel", "Paris", "o", "What is Paris famous for?", "What should I see on a first visit to Paris?",
        "Paris is famous for landmarks such as the Eiffel Tower, the Louvre and Notre-Dame Cathedral. It is also "
        "known for its cafes, art and food, and a walk along the Seine is a lovely way to see the city."
    ),
    Q(
        "travel", "visiting Japan", "g", "What is a good time of year to visit Japan?",
        "When is the best season to go to Japan?",
        "Spring, especially late March to early April, is popular for cherry blossoms, and autumn brings mild weather "
        "and colorful leaves. Summer is hot and humid, while winter is great for skiing in the north."
    ),
    Q(
        "travel", "road trips", "g", "How should you prepare for a long road trip?",
        "We are driving across the country soon. Do you have any tips?",
        "Check your tires, oil and lights before you leave, and plan stops every two hours or so to rest. Pack water, "
        "snacks, a phone charger and offline maps in case you lose signal."
    ),
    Q(
        "travel", "hostels", "o", "What is a hostel?", "Are hostels a good idea for budget travel?",
        "A hostel is a budget-friendly place to stay where guests often share dormitory rooms and common areas like "
        "kitchens. Hostels are popular with solo travelers and are a great way to meet people, though private rooms "
        "are often available too."
    ),
    Q(
        "travel", "money abroad", "g", "How should you handle money when traveling abroad?",
        "Should I bring cash when I travel to another country?",
        "Carry a little local cash for small purchases and use a card with low foreign transaction fees for the rest. "
        "Tell your bank about your travel plans so it does not block your card."
    ),
    Q(
        "travel", "Machu Picchu", "o", "What is Machu Picchu?", "Where is Machu Picchu?",
        "Machu Picchu is a 15th-century Inca citadel high in the Andes mountains of Peru. It is one of the most "
        "famous archaeological sites in the world."
    ),
    Q(
        "travel", "travel safety", "g", "How can you stay safe while traveling?",
        "What are some ways to keep my things safe on a trip?",
        "Keep copies of important documents, share your plans with someone at home and stay aware in crowded places. "
        "Use a bag that zips closed, and keep your passport and spare cash in separate places."
    ),
    Q(
        "travel", "the Grand Canyon", "o", "How was the Grand Canyon formed?", "What carved out the Grand Canyon?",
        "The Grand Canyon was carved mainly by the Colorado River over millions of years as the land slowly rose. "
        "Wind, rain and ice also wore away the rock, exposing layers that tell a long geological story."
    ),
    Q(
        "travel", "Venice", "o", "Why does Venice have canals instead of roads?", "How do people get around in Venice?",
        "Venice is built on more than a hundred small islands in a lagoon, so canals serve as its main streets. "
        "People get around on foot over its many bridges or by boat, including water buses called vaporetti."
    ),
    Q(
        "travel", "learning local phrases", "g", "Why is it helpful to learn a few phrases before traveling?",
        "Should I learn some of the local language before a trip?",
        "Learning a few basics like hello, please, thank you and excuse me shows respect and makes everyday "
        "interactions easier. Locals often appreciate the effort, even if your pronunciation is not perfect."
    ),
    # Money
    Q(
        "money", "an emergency fund", "g", "What is an emergency fund?", "How much should I keep in an emergency fund?",
        "An emergency fund is money set aside for unexpected costs such as car repairs or losing your job. Many "
        "advisers suggest saving three to six months of essential expenses in an easy-to-access account."
    ),
    Q(
        "money", "interest on loans", "o", "What is interest on a loan?", "Why do I pay back more than I borrowed?",
        "Interest is the price of borrowing money, usually shown as a yearly percentage of the amount you owe. That "
        "is why you pay back more than you borrowed, and paying off a loan sooner usually reduces the total interest."
    ),
    Q(
        "money", "compound interest", "o", "What is compound interest?", "Why do people say to start saving early?",
        "Compound interest means you earn interest not only on your original savings but also on the interest already "
        "added. Over many years this snowball effect can grow savings dramatically, which is why starting early helps "
        "so much."
    ),
    Q(
        "money", "credit scores", "o", "What is a credit score?", "How can I improve my credit score?",
        "A credit score is a number lenders use to judge how likely you are to repay borrowed money. Paying bills on "
        "time, keeping card balances low and avoiding too many new applications all help raise it."
    ),
    Q(
        "money", "the 50/30/20 rule", "o", "What is the 50/30/20 rule?",
        "Is there a simple rule for splitting up my paycheck?",
        "The 50/30/20 rule suggests spending about 50 percent of your take-home pay on needs, 30 percent on wants and "
        "20 percent on savings or paying off debt. It is a simple starting point you can adjust to your situation."
    ),
    Q(
        "money", "inflation", "o", "What is inflation?", "Why do prices keep going up?",
        "Inflation is the general rise in prices over time, which means each unit of money buys a little less. It can "
        "be caused by strong demand, higher costs for producers or a growing money supply."
    ),
    Q(
        "money", "stocks", "o", "What is a stock?", "What does it mean to own shares in a company?",
        "A stock, or share, is a small piece of ownership in a company. If the company grows, the value of the share "
        "may rise, and some companies also pay shareholders a portion of their profits called dividends."
    ),
    Q(
        "money", "diversification", "o", "What does it mean to diversify investments?",
        "Why shouldn't I put all my money in one stock?",
        "Diversifying means spreading your money across many different investments so that one bad result does not "
        "sink everything. Index funds, which hold many companies at once, are a simple way to do this."
    ),
    Q(
        "money", "credit and debit cards", "o", "What is the difference between a credit card and a debit card?",
        "Should I use a credit card or a debit card?",
        "A debit card takes money straight from your bank account, while a credit card lets you borrow money that you "
        "repay later. Credit cards can build your credit history, but only if you pay the full balance on time to "
        "avoid interest."
    ),
    Q(
        "money", "impulse buying", "g", "How can you avoid impulse buying?",
        "I keep buying things I don't need. How do I stop?",
        "Wait 24 hours before buying anything that was not on your list, and unsubscribe from shopping emails. "
        "Shopping with a list and a set spending limit also makes it easier to say no."
    ),
    Q(
        "money", "retirement savings", "g", "Why should young people save for retirement?",
        "Why do people tell me to start saving for retirement in my twenties?",
        "Saving for retirement early gives your money decades to grow through compound returns, so even small amounts "
        "add up. If your employer matches contributions, try to save at least enough to get the full match."
    ),
    Q(
        "money", "income tax", "o", "What is income tax?", "Why do we pay income tax?",
        "Income tax is money that governments collect based on what people and businesses earn. It helps pay for "
        "public services like roads, schools, healthcare and defense."
    ),
    Q(
        "money", "salary negotiation", "g", "How should you negotiate a salary?",
        "How do I ask for more money in a job offer?",
        "Research typical pay for the role in your area so you can name a realistic number. Be polite and confident, "
        "explain the value you bring, and consider the whole package, including benefits and flexibility."
    ),
    Q(
        "money", "tracking expenses", "g", "Why is it useful to track your spending?",
        "How can I figure out where my money goes each month?",
        "Tracking your spending for a month or two shows exactly where your money goes, which often reveals easy "
        "savings. A simple app, a spreadsheet or even a notebook works, as long as you record every purchase."
    ),
]

QA_ITEMS += [
    # Learning, language and math
    Q(
        "learning", "studying for exams", "g", "What is the most effective way to study for an exam?",
        "How can I remember more of what I study?",
        "Test yourself with practice questions and flashcards instead of just rereading notes, and spread study "
        "sessions over several days. Explaining topics out loud in your own words is another powerful way to check "
        "your understanding."
    ),
    Q(
        "learning", "spaced repetition", "o", "What is spaced repetition?",
        "Is there a smart way to review flashcards?",
        "Spaced repetition is a study method where you review material at gradually increasing intervals, just before "
        "you are likely to forget it. Flashcard apps can schedule these reviews automatically, making memorization "
        "more efficient."
    ),
    Q(
        "learning", "learning a new language", "g", "How can you learn a new language faster?",
        "What is the best way to pick up a foreign language?",
        "Practice a little every day, focus on the most common words and phrases first, and speak with others as "
        "early as you can. Listening to music, podcasts or shows in the language also helps your ear adjust."
    ),
    Q(
        "learning", "a growth mindset", "o", "What is a growth mindset?", "Can I really get smarter by working hard?",
        "A growth mindset is the belief that abilities can be developed through effort, good strategies and help from "
        "others. People with this mindset tend to see mistakes as chances to learn rather than proof that they are "
        "not capable."
    ),
    Q(
        "learning", "taking notes", "g", "How can you take better notes in class?",
        "My notes are a mess. How should I take them?",
        "Write down key ideas in your own words instead of copying everything, and use headings to organize topics. "
        "Reviewing and tidying your notes within a day helps you remember them much better."
    ),
    Q(
        "learning", "fractions", "o", "What is a fraction?", "How do fractions work?",
        "A fraction represents part of a whole, written as one number over another. The bottom number shows how many "
        "equal parts the whole is split into, and the top number shows how many of those parts you have."
    ),
    Q(
        "learning", "percentages", "g", "How do you calculate a percentage?",
        "How do I work out 20 percent of a number?",
        "To find a percentage of a number, multiply the number by the percentage and divide by 100. For example, 20 "
        "percent of 50 is 50 times 20 divided by 100, which equals 10."
    ),
    Q(
        "learning", "prime numbers", "o", "What is a prime number?", "Is 1 a prime number?",
        "A prime number is a whole number greater than 1 that can only be divided evenly by 1 and itself, such as 2, "
        "3, 5 and 7. The number 1 is not considered prime."
    ),
    Q(
        "learning", "pi", "o", "What is pi in math?", "Why is pi important?",
        "Pi is the ratio of a circle's circumference to its diameter, approximately 3.14159. It appears in formulas "
        "for circles and spheres, such as the area of a circle, which is pi times the radius squared."
    ),
    Q(
        "learning", "the Pythagorean theorem", "o", "What is the Pythagorean theorem?",
        "Can you explain a squared plus b squared equals c squared?",
        "The Pythagorean theorem says that in a right triangle, the square of the longest side equals the sum of the "
        "squares of the other two sides. For example, a right triangle with shorter sides of 3 and 4 has a longest "
        "side of 5."
    ),
    Q(
        "learning", "nouns and verbs", "o", "What is the difference between a noun and a verb?",
        "How can I tell a noun from a verb?",
        "A noun names a person, place, thing or idea, such as teacher, city or happiness. A verb describes an action "
        "or state, such as run, think or be."
    ),
    Q(
        "learning", "there, their and they're", "g", "What is the difference between there, their and they're?",
        "I always mix up there, their and they're. Can you help?",
        "There refers to a place, their shows that something belongs to a group, and they're is short for they are. "
        "For example, they're leaving their bags over there."
    ),
    Q(
        "learning", "essay writing", "g", "How do you write a good essay?",
        "Do you have any advice for writing a school essay?",
        "Start with a clear main argument, then support it with a few well-explained points and evidence, each in its "
        "own paragraph. End by summarizing how your points back up the argument, and leave time to proofread."
    ),
    Q(
        "learning", "world languages", "o", "What is the most spoken language in the world?",
        "Which language has the most speakers?",
        "English has the most total speakers when second-language learners are included, while Mandarin Chinese has "
        "the most native speakers. Hindi and Spanish are also among the most widely spoken languages."
    ),
    Q(
        "learning", "reading to children", "g", "Why should parents read to young children?",
        "Is it worth reading to my toddler every night?",
        "Reading aloud to young children builds vocabulary, listening skills and a love of books. It is also a warm "
        "daily routine, and even ten or fifteen minutes a night makes a difference."
    ),
    Q(
        "learning", "online courses", "g", "How can you stay motivated in an online course?",
        "I keep dropping out of online classes. How can I finish one?",
        "Set a regular weekly schedule for the course as if it were an in-person class, and set small goals for each "
        "session. Joining a study group or telling a friend about your progress adds accountability."
    ),
    Q(
        "learning", "mnemonics", "o", "What is a mnemonic?", "Are there tricks for remembering lists?",
        "A mnemonic is a memory aid, such as a rhyme, acronym or vivid image, that helps you remember information. "
        "For example, the phrase Every Good Boy Does Fine helps music students remember the notes on the lines of the "
        "treble clef."
    ),
    Q(
        "learning", "critical thinking", "o", "What is critical thinking?",
        "How can I get better at thinking critically?",
        "Critical thinking is the habit of carefully evaluating information and arguments before accepting them. It "
        "involves asking what the evidence is, considering other explanations and noticing your own assumptions."
    ),
    # Environment
    Q(
        "environment", "climate change", "o", "What causes climate change?", "Why is the planet getting warmer?",
        "The main cause of current climate change is the burning of coal, oil and gas, which releases carbon dioxide "
        "and other greenhouse gases. These gases trap heat in the atmosphere, gradually raising global temperatures."
    ),
    Q(
        "environment", "the greenhouse effect", "o", "What is the greenhouse effect?",
        "Is the greenhouse effect always bad?",
        "The greenhouse effect is the natural warming that happens when gases like carbon dioxide and water vapor "
        "trap heat in the atmosphere. Without it Earth would be freezing, but adding more of these gases makes the "
        "planet warmer than it would otherwise be."
    ),
    Q(
        "environment", "renewable energy", "o", "What is renewable energy?", "What are some kinds of clean energy?",
        "Renewable energy comes from sources that are naturally replenished, such as sunlight, wind, flowing water "
        "and heat from inside Earth. These sources produce little or no greenhouse gas when generating electricity."
    ),
    Q(
        "environment", "plastic pollution", "o", "Why is plastic pollution a problem in the ocean?",
        "How does plastic harm sea animals?",
        "Plastic breaks down very slowly, so it builds up in the ocean for decades. Sea animals can get tangled in it "
        "or mistake it for food, and it breaks into tiny microplastics that spread through the food chain."
    ),
    Q(
        "environment", "composting", "g", "What is composting?", "How do I start composting at home?",
        "Composting turns food scraps and garden waste into rich soil through natural decay. Mix green materials like "
        "vegetable peels with brown materials like dry leaves or cardboard, keep the pile moist and turn it now and "
        "then."
    ),
    Q(
        "environment", "saving energy at home", "g", "How can you save energy at home?",
        "What are some easy ways to lower my electricity use?",
        "Switch to LED bulbs, turn devices off at the wall when you are not using them, and wash clothes at lower "
        "temperatures. Sealing drafts around doors and windows also cuts heating costs."
    ),
    Q(
        "environment", "biodiversity", "o", "What is biodiversity?", "Why does it matter if species go extinct?",
        "Biodiversity is the variety of life in a place, from genes and species to whole ecosystems. Rich "
        "biodiversity keeps ecosystems stable and provides food, clean water, medicines and pollination that people "
        "depend on."
    ),
    Q(
        "environment", "saving water", "g", "How can households save water?", "How can I use less water at home?",
        "Take shorter showers, fix leaking taps and only run the dishwasher or washing machine with full loads. "
        "Collecting rainwater for the garden is another easy way to save."
    ),
    Q(
        "environment", "deforestation", "o", "What is deforestation?", "Why is cutting down forests harmful?",
        "Deforestation is the large-scale clearing of forests, usually for farming, logging or building. It destroys "
        "habitats, releases stored carbon and can lead to soil erosion and changes in local rainfall."
    ),
    Q(
        "environment", "the ozone layer", "o", "What is the ozone layer?",
        "Is the hole in the ozone layer getting better?",
        "The ozone layer is a region of the upper atmosphere that absorbs much of the Sun's harmful ultraviolet "
        "radiation. Certain chemicals damaged it, but since they were banned under the 1987 Montreal Protocol, it has "
        "been slowly recovering."
    ),
    # Work and careers
    Q(
        "work", "writing a resume", "g", "What should a good resume include?", "How do I make my resume stand out?",
        "A good resume includes your contact details, a short summary, your work experience with concrete "
        "achievements, your education and relevant skills. Keep it clear and concise, and tailor it to each job you "
        "apply for."
    ),
    Q(
        "work", "questions for interviewers", "g", "What questions should you ask at the end of a job interview?",
        "What should I say when the interviewer asks if I have any questions?",
        "Good questions include what a typical day looks like, how success is measured in the role and what the team "
        "is working on. Asking thoughtful questions shows genuine interest in the job."
    ),
    Q(
        "work", "working from home", "g", "How can you stay productive when working from home?",
        "I work remotely and get distracted. Do you have any advice?",
        "Set up a dedicated workspace, keep regular hours and plan your top tasks each morning. Taking short breaks "
        "and ending work at a set time also helps you stay focused and avoid burnout."
    ),
    Q(
        "work", "teamwork", "g", "What makes a team work well together?", "How can our team work together better?",
        "Strong teams share clear goals, communicate openly and trust each other to do their part. Making roles clear "
        "and giving each other honest, respectful feedback helps a lot."
    ),
    Q(
        "work", "professional emails", "g", "How do you write a professional email?",
        "How should I word an email to my boss?",
        "Use a clear subject line, a polite greeting and a short message that states what you need early on. Close "
        "with a thank you and your name, and read it once more before sending."
    ),
    Q(
        "work", "burnout", "o", "What is burnout?", "How do I know if I am burned out at work?",
        "Burnout is a state of physical and emotional exhaustion caused by long-term stress, often from work. Signs "
        "include constant tiredness, feeling detached or cynical and getting less done, and rest and support are "
        "important for recovery."
    ),
    Q(
        "work", "giving feedback", "g", "How do you give constructive feedback?",
        "How can I tell a coworker their work needs improvement without upsetting them?",
        "Be specific about the behavior or work, explain its effect and suggest a clear way to improve. Keep a "
        "respectful tone, focus on the task rather than the person and mention what is going well too."
    ),
    Q(
        "work", "professional networking", "g", "What is professional networking?",
        "How do I build a professional network?",
        "Networking means building relationships with people in your field who can share advice, ideas and "
        "opportunities. Attend events, stay in touch with former colleagues and offer help as often as you ask for it."
    ),
    Q(
        "work", "changing careers", "g", "How can you prepare for a career change?",
        "I want to switch careers. Where should I start?",
        "Start by listing the skills you already have that transfer to the new field, then talk to people who work in "
        "it. Taking a short course or doing a small project can help you test the fit before making the leap."
    ),
    Q(
        "work", "running meetings", "g", "How can you run an effective meeting?",
        "Our meetings always run long. How can we fix that?",
        "Share a short agenda in advance, invite only the people who need to be there and keep to a set time. End by "
        "summarizing decisions and who will do what next."
    ),
    # Time and calendars
    Q(
        "time", "leap years", "o", "Why do we have leap years?", "Why does February sometimes have 29 days?",
        "A year on Earth is about 365 and a quarter days long, so an extra day is added to February almost every four "
        "years to keep the calendar in step with the seasons. Without leap years, the seasons would slowly drift."
    ),
    Q(
        "time", "time zones", "o", "Why are there different time zones?",
        "Why is it a different time in other countries?",
        "Earth rotates once about every 24 hours, so the Sun rises at different times in different places. Time zones "
        "divide the world into regions so that noon happens roughly when the Sun is highest in each area."
    ),
    Q(
        "time", "the seven-day week", "o", "Why does a week have seven days?",
        "Where did the seven-day week come from?",
        "The seven-day week is often traced back to ancient Babylon and was spread by Jewish, Christian and Roman "
        "traditions. It was linked to the seven objects ancient people could see moving across the sky: the Sun, the "
        "Moon and five planets."
    ),
]

# ---------------------------------------------------------------------------
# Brainstorming: tips, ideas and lists. ``topic`` is a gerund phrase so that
# "Give advice on {topic}:" reads naturally.
# ---------------------------------------------------------------------------

B = Brainstorm

BRAINSTORM: list[Brainstorm] = [
    B(
        "saving money", "Give three tips for saving money.", "Do you have any tips to help me save money?",
        "Here are three tips: set up an automatic transfer to savings on payday, cook at home more often, and cancel "
        "subscriptions you rarely use. Small, steady habits like these add up quickly."
    ),
    B(
        "spending a weekend at home", "Name some fun things to do on a weekend at home.",
        "I am stuck at home this weekend. What could I do for fun?",
        "You could cook a new recipe, start a puzzle or board game, watch a film series, rearrange a room or try a "
        "simple craft. Calling a friend or reading a book in a comfy spot are nice options too."
    ),
    B(
        "planning a birthday party", "List some ideas for a child's birthday party.",
        "My son is turning seven. Do you have any party ideas?",
        "Popular ideas include a treasure hunt, a costume theme, a backyard sports day, a make-your-own-pizza station "
        "or a craft table. Simple games like musical chairs and a piñata are always a hit as well."
    ),
    B(
        "keeping a plant alive", "Give three tips for keeping a plant alive.",
        "I always kill my plants. How can I keep one alive?",
        "Here are three tips: choose a plant that suits your light, water only when the top of the soil is dry, and "
        "use a pot with drainage holes. Hardy plants like pothos or snake plants are great for beginners."
    ),
    B(
        "choosing healthy snacks", "Suggest some healthy snacks.",
        "What are some healthy snacks I can keep at my desk?",
        "Good options include fresh fruit, a handful of nuts, carrot sticks with hummus, plain yogurt and whole-grain "
        "crackers. Boiled eggs and roasted chickpeas are also filling and easy to prepare."
    ),
    B(
        "living more sustainably", "Name some ways to be more environmentally friendly.",
        "How can I live a bit greener?",
        "You could carry a reusable bottle and bag, walk or cycle for short trips, eat more plant-based meals and buy "
        "fewer, longer-lasting things. Repairing items instead of replacing them helps too."
    ),
    B(
        "learning the guitar", "Give three tips for learning to play the guitar.",
        "I just bought a guitar. Do you have any tips for getting started?",
        "First, practice for a short time every day so your fingers build strength and calluses. Second, learn a few "
        "basic chords like G, C, D and E minor. Third, play along with simple songs you love to keep it fun."
    ),
    B(
        "staying comfortable on long flights", "List some ways to make a long flight more comfortable.",
        "I have a twelve-hour flight coming up. How can I make it less miserable?",
        "Wear comfortable layers, bring a neck pillow and headphones, and stay hydrated by drinking water rather than "
        "alcohol. Getting up to stretch and walk every hour or two also helps your circulation."
    ),
    B(
        "keeping your heart healthy", "Name some good habits for a healthy heart.",
        "What can I do to keep my heart healthy?",
        "Regular exercise, a diet rich in vegetables, fruit and whole grains, and not smoking all support heart "
        "health. Managing stress, sleeping well and keeping an eye on your blood pressure matter too."
    ),
    B(
        "writing short stories", "Give three tips for writing a good story.", "How can I make my short stories better?",
        "Start with a character who wants something and faces an obstacle, since conflict drives a story. Show what "
        "happens through actions and dialogue rather than explaining everything. Finally, cut any scene that does not "
        "move the story forward."
    ),
    B(
        "finding a cheap hobby", "Name some hobbies you can start with little money.",
        "What hobbies are cheap to pick up?",
        "Inexpensive hobbies include running, drawing, journaling, birdwatching, learning a language with free apps "
        "and borrowing books from the library. Hiking and cooking simple recipes are also fun and low-cost."
    ),
    B(
        "video calls", "Give three tips for a successful video call.",
        "How can I look and sound better on video calls?",
        "Face a window or lamp so your face is well lit, place the camera at eye level, and use headphones with a "
        "microphone to cut echo. Testing your setup a few minutes early avoids last-minute problems."
    ),
    B(
        "planning a date night", "List some ideas for a romantic date night at home.",
        "Do you have any ideas for a date night without going out?",
        "You could cook a new recipe together, set up a picnic on the living room floor, have a themed movie night or "
        "play a board game. Candles and a playlist of songs you both love make it feel special."
    ),
    B(
        "entertaining kids on a car trip", "Name some ways to keep kids busy on a long car journey.",
        "How can I keep my kids entertained on a long drive?",
        "Try games like I spy or twenty questions, audiobooks and sing-alongs, and pack activity books and small "
        "snacks. Planning regular stops where they can run around also helps a lot."
    ),
    B(
        "training for a first 5K race", "Give three tips for running a first 5K race.",
        "I signed up for my first 5K. How should I prepare?",
        "Build up gradually over several weeks with three short runs a week, mixing in walking when you need to. Do "
        "not try new shoes or food on race day. Start at a comfortable pace and enjoy the atmosphere."
    ),
    B(
        "reducing screen time", "Suggest some ways to reduce screen time.",
        "I spend way too long on my phone. How can I cut back?",
        "Turn off non-essential notifications, keep your phone out of the bedroom and set app time limits. Replacing "
        "scrolling with a specific activity, like a walk or a book, makes the habit easier to change."
    ),
    B(
        "staying warm in winter", "List some tips for staying warm in winter.",
        "How can I stay warm without turning the heating way up?",
        "Wear layers, including warm socks and a hat, and use thick curtains to keep heat in at night. Seal drafts "
        "around doors and windows, and have hot drinks to warm up from the inside."
    ),
    B(
        "keeping a conversation going", "Give three tips for keeping a conversation going.",
        "I am awkward at small talk. How do I keep a conversation going?",
        "Ask open questions that start with how or what, rather than ones with yes or no answers. Listen closely and "
        "follow up on details the person mentions. Sharing a short related story of your own keeps things balanced."
    ),
    B(
        "being kind to others", "Name some simple ways to be kinder to others.",
        "What are some small acts of kindness I could do?",
        "You could hold the door for someone, write a thank-you note, check in on a friend who is having a hard time "
        "or compliment a colleague's work. Listening without interrupting is also a quiet but powerful kindness."
    ),
    B(
        "cooking quick dinners", "Suggest some easy dinners for busy weeknights.",
        "What can I cook for dinner when I only have twenty minutes?",
        "Quick options include a vegetable stir-fry with rice, pasta with tomato sauce and spinach, omelets, "
        "quesadillas or a big salad with canned beans. Keeping a few staples in the pantry makes these easy to pull "
        "together."
    ),
    B(
        "taking photos with a phone", "Give three tips for taking better photos with a phone.",
        "How can I take nicer pictures on my phone?",
        "Clean the lens, use natural light whenever possible, and tap the screen to focus on your subject. Try the "
        "rule of thirds grid and move closer instead of zooming, which keeps the image sharp."
    ),
    B(
        "staying motivated to exercise", "List some ways to stay motivated to exercise.",
        "I start exercising and then give up. How do I stick with it?",
        "Pick activities you genuinely enjoy, schedule workouts like appointments and start with small, realistic "
        "goals. Exercising with a friend and tracking your progress can keep you going on low-motivation days."
    ),
    B(
        "packing for the beach", "Name some things to pack for a beach day.", "What should I bring to the beach?",
        "Bring sunscreen, a hat, sunglasses, a towel, plenty of water and some snacks. A beach umbrella, a good book "
        "and a bag for wet swimwear make the day more comfortable."
    ),
    B(
        "going camping", "Give three tips for camping for the first time.",
        "I am going camping for the first time. What should I know?",
        "Practice setting up your tent at home before the trip, check the weather forecast and pack warm layers for "
        "cold nights. Bring a headlamp, and leave your campsite as clean as you found it."
    ),
    B(
        "improving your handwriting", "Suggest some ways to improve your handwriting.",
        "My handwriting is terrible. Can I fix it?",
        "Slow down, hold the pen with a relaxed grip and sit with good posture. Practicing a few lines of letters "
        "each day, using lined paper as a guide, can make a noticeable difference in a few weeks."
    ),
    B(
        "choosing a science fair project", "List some ideas for a science fair project.",
        "My daughter needs a science fair project. Do you have any ideas?",
        "Possible projects include testing which liquids help plants grow best, building a simple water filter, "
        "comparing how well different materials keep heat in or measuring how wing shape affects paper airplane "
        "flights. Picking a question that sparks real curiosity keeps the project fun."
    ),
    B(
        "making a good first impression", "Give three tips for making a good first impression.",
        "How do I make a good impression when I meet new people?",
        "Smile, make friendly eye contact and offer a confident greeting. Use the person's name and show real "
        "interest by asking about them. Being on time and dressing appropriately also send a positive signal."
    ),
    B(
        "saving money on groceries", "Name some ways to save money on groceries.",
        "Groceries are getting expensive. How can I spend less?",
        "Plan meals for the week and shop with a list, buy store brands and seasonal produce, and compare prices per "
        "unit. Cooking in batches and using up leftovers also cuts food waste."
    ),
    B(
        "making a small apartment feel bigger", "Suggest some ways to make a small apartment feel bigger.",
        "My apartment is tiny. How can I make it feel more spacious?",
        "Use mirrors and light colors to reflect light, choose furniture with hidden storage and keep floors clear. "
        "Hanging curtains high and wide can make windows and ceilings look larger."
    ),
    B(
        "learning vocabulary", "Give three tips for learning vocabulary in a new language.",
        "How can I remember new words in Spanish?",
        "Study words in context with example sentences rather than alone, and review them with flashcards using "
        "spaced repetition. Try to use each new word in a sentence you say or write yourself the same day."
    ),
    B(
        "supporting a friend", "List some ways to help a friend who is feeling down.",
        "My friend is going through a hard time. How can I help?",
        "Check in regularly, listen without rushing to give advice and offer practical help, like bringing a meal or "
        "running an errand. If they seem seriously depressed, gently encourage them to talk to a professional."
    ),
    B(
        "reading classic novels", "Name some good classic novels for a beginner.",
        "Which classic novels are good for someone new to them?",
        "Good starting points include Pride and Prejudice by Jane Austen, Animal Farm by George Orwell, Of Mice and "
        "Men by John Steinbeck and Frankenstein by Mary Shelley. They are short or very readable, which makes them "
        "friendly first classics."
    ),
    B(
        "car maintenance", "Give three tips for keeping your car in good condition.",
        "How can I make my car last longer?",
        "Change the oil and filters on the schedule in your owner's manual, check tire pressure monthly, and deal "
        "with warning lights quickly. Washing off road salt in winter also helps prevent rust."
    ),
    B(
        "celebrating on a budget", "Suggest some ways to celebrate a friend's birthday on a budget.",
        "How can I celebrate my friend's birthday without spending much?",
        "You could host a potluck dinner, plan a picnic in the park, bake a homemade cake or put together a playlist "
        "and photo collage of shared memories. A heartfelt card often means more than an expensive gift."
    ),
    B(
        "packing a healthy lunch", "Give three tips for a healthy lunch at work.",
        "What should I pack for lunch to eat healthily at work?",
        "Include a source of protein like beans, eggs or chicken, plenty of vegetables and a whole grain such as "
        "brown rice or wholemeal bread. Preparing it the night before makes it far more likely you will skip takeout."
    ),
    B(
        "improving your writing", "List some ways to improve your writing skills.", "How can I become a better writer?",
        "Read widely, write a little every day and study writers whose style you admire. Revise your drafts by "
        "cutting unnecessary words, and ask others for honest feedback."
    ),
    B(
        "doing chores efficiently", "Name some tips for saving time on household chores.",
        "How can I spend less time on housework?",
        "Make a simple weekly schedule, tidy for ten minutes each evening and keep cleaning supplies where you use "
        "them. Sharing chores with everyone in the household and doing laundry in full loads also saves time."
    ),
    B(
        "welcoming a new colleague", "Suggest some ways to welcome a new coworker.",
        "A new person is joining my team. How can I make them feel welcome?",
        "Introduce them to the team, invite them to lunch during their first week and show them where useful things "
        "are. Offering to answer questions without judgment helps them settle in quickly."
    ),
    B(
        "keeping a journal", "Give three tips for keeping a journal.",
        "I want to start journaling. How do I stick with it?",
        "Write at the same time each day, even for just five minutes. Use simple prompts, like three things you are "
        "grateful for. Do not worry about grammar or neatness, since the journal is only for you."
    ),
    B(
        "reducing food waste", "List some ways to cut down on food waste.",
        "We throw away so much food. How can we waste less?",
        "Plan meals before shopping, store food properly and keep older items at the front of the fridge so they get "
        "used first. Freeze leftovers and turn wilting vegetables into soups or stir-fries."
    ),
    B(
        "staying safe online", "Name some ways to stay safe online.", "How can I protect myself on the internet?",
        "Use strong, unique passwords with a password manager, turn on two-factor authentication and keep your "
        "software updated. Be careful with unexpected links or attachments, and think twice before sharing personal "
        "details."
    ),
    B(
        "training a dog", "Give three tips for teaching a dog to sit.", "How do I teach my puppy to sit?",
        "Hold a treat above your dog's nose and move it slowly back so its bottom lowers naturally. Say sit as it "
        "happens, then reward it immediately. Keep sessions short and repeat them a few times a day."
    ),
    B(
        "relaxing in the evening", "Suggest some ways to relax after a long day.",
        "What is a good way to unwind after work?",
        "You could take a warm shower, go for a gentle walk, read a few chapters of a book or listen to calm music. "
        "Stretching or a few minutes of slow breathing also helps your body let go of tension."
    ),
    B(
        "improving your memory", "List some ways to improve your memory.",
        "Is there anything I can do to improve my memory?",
        "Getting enough sleep, exercising regularly and staying socially active all support memory. When learning "
        "something new, test yourself instead of rereading and connect it to things you already know."
    ),
    B(
        "getting to know someone", "Name some good questions to ask a new friend.",
        "What can I ask someone to get to know them better?",
        "You could ask what they enjoy doing on weekends, what book or show they loved recently, where they would "
        "most like to travel or what they are looking forward to this year. Follow-up questions show you are really "
        "listening."
    ),
    B(
        "hosting a dinner party", "Give three tips for hosting a dinner party.",
        "I am hosting dinner for six people. How do I keep it stress-free?",
        "Choose a menu you have cooked before and prepare as much as possible in advance. Ask guests about allergies "
        "ahead of time. Set the table early so you can relax and greet people when they arrive."
    ),
    B(
        "supporting local businesses", "List some ways to support local businesses.",
        "How can I help the small shops in my neighborhood?",
        "Shop at local stores and markets, eat at independent restaurants and leave positive reviews online. "
        "Recommending them to friends and following them on social media also helps spread the word."
    ),
    B(
        "making studying enjoyable", "Suggest some ways to make studying more fun.",
        "Studying is so boring. How can I make it more fun?",
        "Turn review into a game with flashcards or quizzes, study with a friend and reward yourself after each "
        "focused session. Changing locations or teaching the material to someone else can also keep it interesting."
    ),
    B(
        "speaking up in meetings", "Give three tips for speaking confidently in meetings.",
        "I am too shy to speak up at work meetings. Do you have any advice?",
        "Prepare one or two points before the meeting so you are ready to contribute. Try to speak early, since "
        "waiting makes nerves grow. Keep your comments short and clear, and remember that your perspective is "
        "valuable."
    ),
    B(
        "eating more vegetables", "Name some easy ways to add more vegetables to your diet.",
        "How can I sneak more vegetables into my meals?",
        "Add spinach to smoothies or eggs, grate carrot or zucchini into sauces and fill half your plate with "
        "vegetables first. Keeping cut vegetables and hummus ready in the fridge makes them an easy snack."
    ),
    B(
        "planning team-building activities", "List some ideas for a team-building activity.",
        "What are some fun team-building ideas for work?",
        "Ideas include an escape room, a cooking class, a volunteering day, a trivia quiz or a group hike. Activities "
        "that require people to solve problems together tend to work best."
    ),
    B(
        "waking up earlier", "Give three tips for getting up earlier.", "How can I become a morning person?",
        "Shift your bedtime and alarm earlier by about fifteen minutes every few days. Put the alarm across the room "
        "so you have to get up, and open the curtains or go outside for light soon after waking."
    ),
    B(
        "exploring a new city", "Suggest some ways to get to know a new city after moving.",
        "I just moved to a new city. How can I get to know it?",
        "Take a walking tour, visit local markets, try a different neighborhood each weekend and join a club or "
        "class. Asking neighbors and coworkers for their favorite spots is a great shortcut."
    ),
    B(
        "keeping your mind sharp", "Name some ways to keep your brain active as you get older.",
        "How can my grandmother keep her mind sharp?",
        "Learning new skills, reading, doing puzzles and playing games like chess all keep the brain engaged. Regular "
        "physical activity and staying socially connected are just as important for long-term brain health."
    ),
    B(
        "painting a room", "Give three tips for painting a room.",
        "I am painting my bedroom this weekend. Do you have any advice?",
        "Clean and repair the walls first, then protect floors and edges with drop cloths and painter's tape. Use a "
        "primer if you are covering a dark color, and apply two thin coats rather than one thick one."
    ),
    B(
        "giving engaging presentations", "List some ways to make a presentation more engaging.",
        "How can I make my presentation less boring?",
        "Open with a story or surprising fact, use slides with more pictures than text and speak to the audience "
        "rather than reading. Asking a question or including a short demo keeps people involved."
    ),
    B(
        "cooking efficiently", "Name some ways to save energy in the kitchen.",
        "How can I use less energy when I cook?",
        "Put lids on pots, match the pan size to the burner and use a kettle to boil water. Microwaves and slow "
        "cookers often use less energy than an oven for small meals."
    ),
    B(
        "growing tomatoes", "Give three tips for growing tomatoes.", "How do I grow tomatoes in my backyard?",
        "Plant them in a spot with at least six to eight hours of sun, after the last frost has passed. Water deeply "
        "at the base a few times a week, and support the plants with stakes or cages as they grow."
    ),
    B(
        "setting up a workspace", "Suggest some ways to make a workspace more comfortable.",
        "How can I set up a more comfortable desk at home?",
        "Put your screen at eye level, use a chair that supports your lower back and keep your feet flat on the "
        "floor. Good lighting, a plant and a tidy desk also make the space more pleasant."
    ),
    B(
        "celebrating the new year", "List some ways to celebrate the new year.",
        "What are some fun ways to ring in the new year?",
        "You could host a small party, watch fireworks, cook a special dinner or write down goals and memories from "
        "the past year. Some people also enjoy a quiet walk or an early outing to watch the first sunrise."
    ),
    B(
        "preparing for a power outage", "Name some things to keep at home in case of a power outage.",
        "What should I have at home in case the power goes out?",
        "Keep flashlights with spare batteries, bottled water, non-perishable food and a fully charged power bank. A "
        "battery-powered radio and a basic first-aid kit are also worth having."
    ),
]

# ---------------------------------------------------------------------------
# Creative writing: short original poems, stories and messages.
# ---------------------------------------------------------------------------

C = Creative

CREATIVE: list[Creative] = [
    C(
        "the moon", "Write a short poem about the moon.", "Could you write me a little poem about the moon?",
        "Silver lantern, quiet and high,\nyou keep your watch across the sky.\nThe tides all listen when you "
        "call,\nand night feels softer for us all."
    ),
    C(
        "winter", "Write a haiku about winter.", "Can you write a haiku about winter?",
        "Bare trees hold their breath,\nsnow covers the silent road,\nthe world slows to white."
    ),
    C(
        "friendship", "Write a short poem about friendship.", "Please write me a poem about friendship.",
        "A friend is a lamp on a winding road,\na hand that helps you lift the load.\nThrough laughter loud and quiet "
        "days,\ntrue friendship stays in a hundred ways."
    ),
    C(
        "a robot who paints", "Write a one-sentence story about a robot who learns to paint.",
        "Can you tell me a one-sentence story about a robot that paints?",
        "The factory robot spent years tightening bolts, until one night it dipped a spare brush in leftover paint "
        "and discovered it could make the sunrise it had never been allowed to see."
    ),
    C(
        "the rain", "Write a haiku about the rain.", "I would love a haiku about rain.",
        "Soft rain on the roof,\npuddles gather silver light,\nthe garden drinks deep."
    ),
    C(
        "morning coffee", "Write a short poem about a cup of coffee.",
        "Write a fun little poem about my morning coffee.",
        "Dark and warm in my favorite cup,\nyou are the reason I get up.\nOne slow sip and the day begins,\nwith "
        "steam that swirls and gently spins."
    ),
    C(
        "starting a new job", "Write a short motivational message for someone starting a new job.",
        "My sister starts a new job tomorrow. Can you write her an encouraging message?",
        "Congratulations on the new job! Every expert was once a beginner, so be patient with yourself, ask questions "
        "freely and trust that you were chosen for good reasons."
    ),
    C(
        "a cat", "Write a limerick about a cat.", "Could you write a funny limerick about a cat?",
        "A cat with a taste for the cream\ndevised a most devious scheme.\nShe tipped the jug over,\nthen rolled in "
        "the clover,\nand purred like a queen in a dream."
    ),
    C(
        "spring", "Write a short poem about spring.", "Can you write a cheerful poem about spring?",
        "The frost lets go, the rivers run,\nthe buds unfold to greet the sun.\nThe robins sing from every tree,\nand "
        "spring returns for all to see."
    ),
    C(
        "a scary story", "Write a two-sentence scary story.", "Tell me a really short scary story.",
        "Every night I thank my reflection for keeping me company. Last night, for the first time, it answered before "
        "I had finished speaking."
    ),
    C(
        "the stars", "Write a short poem about the stars.", "Could you write a poem about the night sky full of stars?",
        "A thousand fires far away\nwait patiently all through the day.\nWhen darkness falls they softly glow\nand "
        "guide the travelers below."
    ),
    C(
        "a bakery slogan", "Write a slogan for a bakery.", "Can you come up with a catchy slogan for my bakery?",
        "Here are two options: Baked with love, fresh every morning. Or: Rise and shine with bread worth waking up for."
    ),
    C(
        "thanking a teacher", "Write a short thank-you note to a teacher.",
        "Can you help me write a thank-you note for my son's teacher?",
        "Dear teacher, thank you for your patience, your encouragement and the care you put into every lesson this "
        "year. You made learning feel exciting, and we are truly grateful."
    ),
    C(
        "a mountain", "Write a haiku about a mountain.", "Could you write a haiku about a mountain?",
        "Stone shoulders in cloud,\nthe mountain keeps its silence\nas the eagles turn."
    ),
    C(
        "a city at night", "Write a short poem about a city at night.", "Could you write a poem about a city at night?",
        "The city hums when daylight ends,\nwith neon signs and laughing friends.\nThe windows glow like scattered "
        "gold,\nand every street has tales untold."
    ),
    C(
        "a grandmother's birthday", "Write a short birthday message for a grandmother.",
        "What should I write in my grandma's birthday card?",
        "Happy birthday, Grandma! Thank you for your warm hugs, your wonderful stories and all the love you give so "
        "freely, and I hope your day is as special as you are."
    ),
    C(
        "a dragon afraid of the dark", "Write a one-sentence story about a dragon who is afraid of the dark.",
        "Tell me a one-sentence story about a dragon who gets scared.",
        "Ember the dragon could melt mountains with a single breath, yet every night she lit a tiny candle beside her "
        "cave, because the dark still made her tail tremble."
    ),
    C(
        "autumn", "Write a short poem about autumn.", "Can you write a cozy poem about fall?",
        "The maples blush in red and gold,\nthe mornings turn a little cold.\nThe geese fly south in long, bold "
        "lines,\nwhile pumpkins ripen on the vines."
    ),
    C(
        "a reusable water bottle", "Write a short product description for a reusable water bottle.",
        "Can you write a product blurb for a reusable water bottle?",
        "Stay refreshed wherever you go with our leak-proof steel bottle, which keeps drinks cold for 24 hours and "
        "hot for 12. It is light, durable and a simple way to cut down on plastic waste."
    ),
    C(
        "a cat sleeping in the sun", "Write a haiku about a cat sleeping in the sun.",
        "Can you write a haiku about a cat napping in a sunny spot?",
        "Curled in golden light,\nthe cat dreams of distant birds,\none ear listening."
    ),
    C(
        "the first day of school", "Write a short poem about the first day of school.",
        "Could you write a poem about the first day of school?",
        "New shoes tapping down the hall,\na bright backpack, a name tag small.\nA nervous smile, a brand-new "
        "friend,\nand stories waiting at the end."
    ),
    C(
        "a lighthouse keeper", "Write the opening line of a story about a lighthouse keeper.",
        "Give me an opening line for a story about a lighthouse keeper.",
        "For forty years, Agnes had kept the lighthouse burning, and in all that time no ship had ever answered her "
        "signal, until the foggy night a small boat flashed back three times."
    ),
    C(
        "a garden", "Write a short poem about a garden.", "Could you write me a poem about a vegetable garden?",
        "In tidy rows the seedlings rise,\nturning green faces to the skies.\nWith patient hands and morning "
        "rain,\nthe garden bursts to life again."
    ),
    C(
        "a forgetful wizard", "Write a limerick about a forgetful wizard.",
        "Can you write a silly limerick about a wizard who forgets things?",
        "A wizard who lived by the sea\nforgot every spell but the key.\nHe tried to make rain,\nbut conjured a "
        "train,\nand now he commutes there for free."
    ),
    C(
        "a wedding toast", "Write a short toast for a friend's wedding.",
        "I need a short wedding toast for my best friend. Can you help?",
        "Please raise your glasses to the happy couple. May your home be full of laughter, your arguments be short "
        "and your love grow deeper with every passing year."
    ),
    C(
        "morning", "Write a haiku about morning.", "Write me a haiku about the start of the day.",
        "First light on the hills,\nthe old kettle starts to sing,\nand the day wakes up."
    ),
    C(
        "a dog", "Write a short poem about a dog.", "Can you write a poem about my dog?",
        "With muddy paws and wagging tail,\nyou greet me home without fail.\nYou chase the ball, you guard the "
        "door,\nand love me more and more and more."
    ),
    C(
        "time travel", "Write a one-sentence story about time travel.",
        "Tell me a one-sentence story about a time machine.",
        "The inventor set her machine for exactly one day ahead, vanished with a soft pop and reappeared a moment "
        "later holding tomorrow's newspaper and a very worried expression."
    ),
    C(
        "the wind", "Write a short poem about the wind.", "Could you write a poem about the wind?",
        "You cannot see the wind go by,\nbut watch the clouds race through the sky.\nIt bends the grass and spins the "
        "vane,\nthen hurries off to bring the rain."
    ),
    C(
        "a website welcome message", "Write a short welcome message for a new website.",
        "Can you write a friendly welcome message for my new website?",
        "Welcome, and thank you for stopping by! We are delighted to have you here, so take a look around, explore "
        "our latest updates and feel free to reach out with any questions."
    ),
    C(
        "a summer evening", "Write a haiku about a summer evening.", "Can you write a haiku about a warm summer night?",
        "Warm air, fading light,\nfireflies rise from the tall grass,\nthe porch swing creaks slow."
    ),
    C(
        "a library", "Write a short poem about a library.", "Could you write a poem about a library?",
        "Row on row the stories wait\nfor readers curious and late.\nOpen a cover, turn a page,\nand wander every "
        "land and age."
    ),
    C(
        "apologizing to a friend", "Write a short apology note for missing a friend's party.",
        "I missed my friend's party. Can you help me write an apology?",
        "I am so sorry I missed your party, and I hate that I was not there to celebrate with you. Can I take you out "
        "for coffee this week to make it up to you?"
    ),
    C(
        "a tortoise and a bird", "Write a two-sentence fable about a tortoise and a bird.",
        "Can you tell me a short fable with a moral?",
        "A proud bird laughed at the tortoise for building his home so slowly, stone by stone. When the winter storm "
        "came, the bird sheltered under the tortoise's sturdy roof and learned that patience builds what haste cannot."
    ),
    C(
        "the sun", "Write a short poem about the sun.", "Could you write a happy poem about the sun?",
        "Each morning the sun climbs over the hill\nand warms the fields and the windowsill.\nIt paints the clouds in "
        "pink and gold\nand keeps us warm when days are cold."
    ),
    C(
        "snow", "Write a short poem about snow.", "Can you write a gentle poem about snowfall?",
        "Snowflakes drift without a sound\nand spread a blanket on the ground.\nEach one is different, lace and "
        "light,\nand turns the sleeping world to white."
    ),
    C(
        "a river", "Write a haiku about a river.", "Could you write a haiku about a river?",
        "Cold river running,\ncarrying leaves to the sea,\nnever looking back."
    ),
    C(
        "encouragement before an exam", "Write a short encouraging note for a student before an exam.",
        "Can you write an encouraging message for my friend who has an exam tomorrow?",
        "You have prepared for this, and you know more than you think. Take a deep breath, read each question "
        "carefully and do your best, because that is all anyone can ask."
    ),
    C(
        "a train journey", "Write a short poem about a train journey.",
        "Could you write a poem about traveling by train?",
        "The train rolls on through field and town,\npast rivers wide and hills of brown.\nI watch the world slide by "
        "the glass\nand count the stations as they pass."
    ),
    C(
        "a lost umbrella", "Write a one-sentence story about a lost umbrella.",
        "Tell me a funny one-sentence story about an umbrella.",
        "The red umbrella had been left on the bus so many times that the driver finally gave it a seat of its own "
        "and a name, Gerald."
    ),
    C(
        "kindness", "Write a short poem about kindness.", "Could you write a short poem about being kind?",
        "A kind word costs nothing at all,\nyet it can lift someone who falls.\nA smile, a hand, a listening ear\ncan "
        "chase away a cloud of fear."
    ),
    C(
        "a yard sale", "Write a short advertisement for a neighborhood yard sale.",
        "Can you write a quick ad for my yard sale?",
        "Big yard sale this Saturday morning at 12 Maple Street, with books, toys, furniture and kitchen items at "
        "bargain prices! Come early for the best finds, and bring a bag to carry your treasures home."
    ),
    C(
        "a busy city", "Write a haiku about a busy city.", "Could you write a haiku about city life?",
        "Horns and hurried feet,\nglass towers catch the sunrise,\ncoffee in each hand."
    ),
    C(
        "a bicycle ride", "Write a short poem about a bicycle ride.",
        "Can you write a poem about riding a bike in the countryside?",
        "Two wheels humming down the lane,\nthrough sunshine, wind and gentle rain.\nI pedal past the fields and "
        "trees\nand feel as free as any breeze."
    ),
    C(
        "a lullaby", "Write a short lullaby.", "Can you write a short lullaby for my baby?",
        "Hush now, little one, the stars are near,\nthe moon is watching, nothing to fear.\nClose your eyes and drift "
        "away,\nI will be here at the break of day."
    ),
    C(
        "a cozy cafe", "Write a short description of a cozy cafe.",
        "Can you describe a cozy cafe for a story I am writing?",
        "The cafe smelled of cinnamon and fresh coffee, and soft jazz drifted from an old radio behind the counter. "
        "Mismatched armchairs sat beside a rain-streaked window, where a sleepy cat kept watch over the regulars."
    ),
    C(
        "hope", "Write a short poem about hope.", "Could you write an uplifting poem about hope?",
        "Hope is a seed beneath the snow\nthat waits in darkness, small and slow.\nBut when the spring winds start to "
        "blow,\nit finds the light and starts to grow."
    ),
    C(
        "a secret door", "Write a one-sentence story about a child who finds a secret door.",
        "Tell me a one-sentence story about a hidden door.",
        "Behind the dusty bookshelf in her grandfather's study, Maya found a tiny wooden door, and when she knocked, "
        "someone on the other side politely knocked back."
    ),
    C(
        "a retirement message", "Write a short retirement message for a coworker.",
        "What can I write in a retirement card for a colleague?",
        "Congratulations on your retirement! Thank you for your kindness, your wisdom and your many years of hard "
        "work, and we wish you plenty of rest, adventure and time for everything you love."
    ),
    C(
        "a candle", "Write a haiku about a candle.", "Can you write a haiku about candlelight?",
        "Small flame, steady glow,\nshadows dance along the wall,\nthe quiet night waits."
    ),
]

# ---------------------------------------------------------------------------
# Two-turn conversations for preferences.jsonl (the final answer is judged).
# ---------------------------------------------------------------------------

T = TwoTurn

TWO_TURN: list[TwoTurn] = [
    T(
        "food", "baking cookies", "I want to bake cookies this weekend. Is that a good project for a beginner?",
        "Yes, cookies are a great first bake because they need only a few ingredients and simple steps. Chocolate "
        "chip or oatmeal cookies are easy places to start.", "How do I keep them from spreading too much in the oven?",
        "Chill the dough for at least 30 minutes before baking, and make sure your butter is soft but not melted. "
        "Measuring the flour carefully and using a cool baking sheet also help the cookies keep their shape."
    ),
    T(
        "travel", "Portugal", "What is the capital of Portugal?",
        "The capital of Portugal is Lisbon, a hilly city on the Tagus River known for its trams and tiled buildings.",
        "What food should I try there?",
        "Try pastel de nata, a creamy custard tart, along with grilled sardines and bacalhau, which is salted cod. A "
        "bowl of caldo verde, a kale and potato soup, is also a local favorite."
    ),
    T(
        "tech", "a slow laptop", "My laptop is running slowly. What could be causing it?",
        "Common causes include too many programs running at once, a nearly full storage drive or pending updates. "
        "Malware can also slow a computer down.", "How do I see which programs are using the most memory?",
        "On Windows, open Task Manager by pressing Ctrl, Shift and Esc together, and on a Mac, open Activity Monitor "
        "from the Utilities folder. Both tools list running programs and how much memory each one uses."
    ),
    T(
        "health", "green tea", "What are the benefits of drinking green tea?",
        "Green tea contains antioxidants and a modest amount of caffeine, which can help with alertness. Many people "
        "also enjoy it as a low-calorie alternative to sugary drinks.",
        "How much caffeine does it have compared to coffee?",
        "A cup of green tea usually has around 30 to 50 milligrams of caffeine, while a cup of brewed coffee "
        "typically has about 80 to 100 milligrams or more. The exact amount depends on how strongly each is brewed."
    ),
    T(
        "animals", "feeding a cat", "How often should I feed an adult cat?",
        "Most adult cats do well with two measured meals a day, about twelve hours apart. Check the food package or "
        "ask your vet for the right portion size.", "Is it okay to give my cat milk?",
        "It is best not to, because many adult cats are lactose intolerant and milk can upset their stomachs. Fresh "
        "water is all your cat needs to drink."
    ),
    T(
        "science", "floating ice", "Why does ice float on water?",
        "Ice floats because it is less dense than liquid water. When water freezes, its molecules lock into an open "
        "structure that takes up more space.", "Why does that matter for lakes in winter?",
        "Because ice floats, it forms a layer on top of a lake that insulates the water below. This keeps the deeper "
        "water from freezing solid, so fish and other life can survive the winter."
    ),
    T(
        "money", "savings accounts", "What is a savings account?",
        "A savings account is a bank account for money you do not plan to spend right away, and it usually pays "
        "interest. It is a safe place for an emergency fund or short-term goals.",
        "What is a high-yield savings account?",
        "A high-yield savings account works the same way but pays a noticeably higher interest rate than a standard "
        "one. These accounts are often offered by online banks, which have lower costs."
    ),
    T(
        "learning", "Japanese greetings", "How do you say thank you in Japanese?",
        "Thank you in Japanese is arigato, and a more polite version is arigato gozaimasu.",
        "And how do I say good morning?",
        "Good morning in Japanese is ohayo, or ohayo gozaimasu to be more polite. You would use the polite form with "
        "teachers, colleagues or people you do not know well."
    ),
    T(
        "sports", "stretching", "Is it better to stretch before or after running?",
        "Before running, a dynamic warm-up like leg swings and easy jogging is best. Longer static stretches are "
        "usually better after your run, when your muscles are warm.", "How long should I hold each stretch?",
        "Hold each static stretch for about 20 to 30 seconds without bouncing. You should feel a gentle pull, never "
        "sharp pain."
    ),
    T(
        "history", "Stonehenge", "Who built Stonehenge?",
        "Stonehenge was built by Neolithic peoples in what is now southern England, in several stages starting around "
        "5,000 years ago. Its exact purpose is still debated, but it lines up with the sunrise at the summer solstice.",
        "How did they move such heavy stones?",
        "Archaeologists think the builders used wooden sledges, rollers or tracks, along with ropes and many people "
        "pulling together. Some of the smaller bluestones were brought from Wales, over 200 kilometers away."
    ),
    T(
        "home", "planting tulips", "When should I plant tulip bulbs?",
        "Plant tulip bulbs in the autumn, several weeks before the ground freezes. They need a cold period over "
        "winter to bloom in spring.", "How deep should they go?",
        "A good rule is to plant bulbs about three times as deep as they are tall, which is usually around 15 to 20 "
        "centimeters for tulips. Place them with the pointy end up."
    ),
    T(
        "tech", "file extensions", "What is a file extension?",
        "A file extension is the short code at the end of a file name, after the dot, such as pdf or jpg. It tells "
        "your computer what type of file it is and which program should open it.",
        "Is it safe to open a file ending in exe that came in an email?",
        "It is not a good idea, because exe files are programs that can run on your computer and are a common way to "
        "spread malware. Only open one if you fully trust the sender and were expecting the file."
    ),
    T(
        "food", "egg substitutes", "What can I use instead of eggs in baking?",
        "Common substitutes include mashed banana, applesauce or a flax egg made from one tablespoon of ground "
        "flaxseed mixed with three tablespoons of water. Each replaces roughly one egg.", "Will that change the taste?",
        "Banana can add a noticeable banana flavor, while applesauce and flax are milder. In recipes with strong "
        "flavors like chocolate or spices, most people will not notice the difference."
    ),
    T(
        "space", "seeing planets", "Can you see planets without a telescope?",
        "Yes, five planets are visible to the naked eye: Mercury, Venus, Mars, Jupiter and Saturn. They look like "
        "bright stars that do not twinkle much.", "Which one is the brightest?",
        "Venus is the brightest planet in our sky and is often seen shortly after sunset or before sunrise. It is so "
        "bright that people sometimes mistake it for an airplane."
    ),
    T(
        "arts", "learning to draw", "I want to learn to draw. Where should I start?",
        "Start with basic shapes and simple objects around your home, and practice a little every day. A pencil and a "
        "sketchbook are all you need at first.", "How long until I get good?",
        "Everyone progresses differently, but most people notice real improvement after a few months of regular "
        "practice. Comparing your drawings from week to week is a great way to see how far you have come."
    ),
    T(
        "earth", "heat waves", "What is a heat wave?",
        "A heat wave is a period of unusually hot weather lasting several days, compared with what is normal for that "
        "area and time of year.", "How can I stay safe during one?",
        "Drink plenty of water, stay in shade or air-conditioned places during the hottest hours and wear light, "
        "loose clothing. Check on older neighbors, and never leave children or pets in parked cars."
    ),
    T(
        "arts", "violins and violas", "What is the difference between a violin and a viola?",
        "A viola is slightly larger than a violin and has a deeper, warmer sound. It also reads music mostly in the "
        "alto clef instead of the treble clef.", "Which one is easier to learn?",
        "Neither is truly easier, since both need similar skills and practice. Many people start on the violin "
        "because it is more common, which makes teachers and beginner music easier to find."
    ),
    T(
        "home", "fruit flies", "How do I get rid of fruit flies in my kitchen?",
        "Remove overripe fruit and take out the trash, then set a simple trap with a small bowl of apple cider "
        "vinegar and a drop of dish soap. The soap breaks the surface tension so the flies sink.",
        "How long will it take for them to go away?",
        "If you remove their food sources and keep the traps out, most fruit fly problems clear up within a week or "
        "two. Cleaning drains and wiping counters daily speeds things up."
    ),
    T(
        "ai", "chatbots", "What is a chatbot?",
        "A chatbot is a computer program that carries on a conversation with people through text or voice. Many "
        "modern chatbots are powered by large language models.", "Can it understand what I am feeling?",
        "A chatbot can recognize emotional words and respond in a caring way, but it does not feel emotions the way "
        "people do. For real emotional support, talking to friends, family or a professional is important."
    ),
    T(
        "geography", "Vatican City", "What is the smallest country in the world?",
        "Vatican City is the smallest country in the world, covering about 0.44 square kilometers inside the city of "
        "Rome.", "Who lives there?",
        "Vatican City has only several hundred residents, mostly clergy, including the Pope, along with members of "
        "the Swiss Guard. Many more people work there but live elsewhere in Rome."
    ),
    T(
        "health", "teenage sleep", "How many hours of sleep does a teenager need?",
        "Teenagers generally need about eight to ten hours of sleep a night, which is more than most adults need.",
        "Why do teens like to stay up late?",
        "During the teenage years, the body's internal clock naturally shifts later, so teens often do not feel "
        "sleepy until late at night. Early school start times can make it hard for them to get enough rest."
    ),
    T(
        "tech", "the check engine light", "What does it mean when my check engine light comes on?",
        "It means your car's computer has detected a problem with the engine or emissions system, which can range "
        "from a loose fuel cap to something more serious.", "Is it safe to keep driving?",
        "If the light is steady, you can usually drive carefully for a short time, but get the car checked soon. If "
        "it is flashing, pull over safely and stop, because that signals a serious problem that can damage the engine."
    ),
    T(
        "sports", "planks", "What is a plank exercise?",
        "A plank is a core exercise where you hold your body in a straight line, supported on your forearms and toes. "
        "It strengthens your abdominal, back and shoulder muscles.", "How long should a beginner hold it?",
        "Beginners can start with 15 to 20 seconds while keeping good form, then gradually build up to a minute. It "
        "is better to hold a shorter plank correctly than a long one with a sagging back."
    ),
    T(
        "arts", "Jane Austen", "Who wrote Pride and Prejudice?",
        "Pride and Prejudice was written by Jane Austen and published in 1813. It follows Elizabeth Bennet and her "
        "changing feelings toward the proud Mr Darcy.", "Did she write any other famous novels?",
        "Yes, Jane Austen also wrote Sense and Sensibility, Emma, Mansfield Park, Northanger Abbey and Persuasion. "
        "Emma and Persuasion are often named among her best."
    ),
    T(
        "environment", "recycling rules", "What can go in my recycling bin?",
        "It depends on your local rules, but most programs accept clean paper, cardboard, glass bottles and jars, "
        "metal cans and many plastic bottles.", "What about pizza boxes?",
        "Many programs reject pizza boxes that are greasy, because oil contaminates the paper. Tear off and recycle "
        "the clean parts, and put the greasy sections in the trash or compost."
    ),
    T(
        "tech", "Python", "What is Python used for?",
        "Python is a versatile programming language used for web development, data analysis, automation, scientific "
        "computing and artificial intelligence. Its readable syntax also makes it popular for teaching.",
        "How do I print something in Python?",
        "Use the print function with your text in quotes inside the parentheses, like print('Hello, world'). When you "
        "run it, Python displays Hello, world on the screen."
    ),
    T(
        "space", "sunlight travel time", "How long does it take light from the Sun to reach Earth?",
        "Sunlight takes about eight minutes and twenty seconds to travel the roughly 150 million kilometers to Earth.",
        "So are we seeing the Sun as it was in the past?",
        "Yes, exactly. The sunlight reaching you right now left the Sun about eight minutes ago, and light from "
        "distant stars can be thousands of years old."
    ),
    T(
        "food", "hummus", "What is hummus made of?",
        "Hummus is made from blended chickpeas, tahini, lemon juice, garlic and olive oil, usually seasoned with salt.",
        "Can I make it without tahini?",
        "Yes, you can leave out the tahini and add a little extra olive oil or some plain yogurt for creaminess. The "
        "flavor will be a bit less nutty, but it will still be tasty."
    ),
    T(
        "health", "napping", "Is it bad to nap during the day?",
        "Short naps of 20 to 30 minutes can boost alertness and mood without making you groggy. Long or late naps, "
        "however, can make it harder to sleep at night.", "What is the best time to nap?",
        "Early afternoon, roughly between 1 and 3 o'clock, is usually best because it matches a natural dip in "
        "energy. Napping later than that can push back your bedtime."
    ),
    T(
        "sports", "the offside rule", "What is the offside rule in soccer?",
        "A player is offside if they are in the opponent's half and closer to the goal line than both the ball and "
        "the second-to-last defender when the ball is passed to them. Being in that position is only penalized if the "
        "player becomes involved in the play.", "Can you be offside from a throw-in?",
        "No, a player cannot be offside when receiving the ball directly from a throw-in, a goal kick or a corner "
        "kick. The rule applies to passes during normal play."
    ),
    T(
        "space", "Mercury and Venus", "Which planet is closest to the Sun?",
        "Mercury is the closest planet to the Sun and also the smallest planet in the solar system.",
        "Is it the hottest planet too?",
        "No, Venus is the hottest planet, even though it is farther from the Sun. Its thick carbon dioxide atmosphere "
        "traps heat, keeping its surface at around 465 degrees Celsius."
    ),
    T(
        "home", "hanging pictures", "How do I hang a picture on the wall?",
        "Decide on the height, usually with the center at about eye level, then mark the spot with a pencil. Use a "
        "nail or picture hook suitable for your wall and check that it is level before stepping back.",
        "What if the picture is really heavy?",
        "For heavy pictures, use heavy-duty hooks rated for the weight, or screws with wall anchors. If possible, "
        "screw into a wooden stud behind the wall, which you can find with a stud finder."
    ),
    T(
        "animals", "cat whiskers", "Why do cats have whiskers?",
        "Whiskers are sensitive touch sensors that help cats judge spaces, detect nearby movement and find their way "
        "in the dark.", "Do they grow back if they get cut?",
        "Yes, whiskers grow back over time, just like other hair, as long as the root is not damaged. You should "
        "still never trim them, because cats rely on them to sense their surroundings."
    ),
    T(
        "learning", "affect and effect", "What is the difference between affect and effect?",
        "Affect is usually a verb meaning to influence something, while effect is usually a noun meaning the result "
        "of a change.", "Can you give me an example sentence?",
        "Sure: the cold weather affected my mood, and its effect lasted all day. A handy trick is that affect is the "
        "action and effect is the end result."
    ),
    T(
        "food", "cooking steak", "How do I know when a steak is done?",
        "The most reliable way is a meat thermometer, which reads about 52 degrees Celsius for rare, 57 for "
        "medium-rare and 63 for medium.", "Should I let it rest after cooking?",
        "Yes, let it rest for about five minutes on a plate or board. Resting lets the juices settle, so they stay in "
        "the meat instead of running out when you slice it."
    ),
    T(
        "biology", "yawning", "Why do we yawn?",
        "Scientists are not completely sure, but one leading idea is that yawning helps cool the brain and increase "
        "alertness, especially when we are tired or bored.", "Why are yawns contagious?",
        "Contagious yawning may be linked to social bonding and empathy, since people are more likely to catch yawns "
        "from friends and family than from strangers. Even some animals, like dogs and chimpanzees, catch yawns."
    ),
    T(
        "tech", "phone battery care", "Should I let my phone battery drain completely before charging?",
        "No, modern lithium-ion batteries do not need to be fully drained, and frequent deep discharges can actually "
        "wear them out faster.", "So what is the best way to charge it?",
        "Try to keep the battery roughly between 20 and 80 percent when you can, and avoid leaving it in high heat. "
        "Many phones also have an optimized charging setting that helps protect the battery overnight."
    ),
    T(
        "geography", "population and area", "Which country has the largest population?",
        "India has the largest population in the world, having passed China in 2023, and each country is home to more "
        "than 1.4 billion people.", "Which country is the biggest by area?",
        "Russia is the largest country by area, covering about 17 million square kilometers across Europe and Asia. "
        "Canada is second, followed by China and the United States, which are close in size."
    ),
    T(
        "learning", "exam nerves", "I feel nervous before exams. Is that normal?",
        "Yes, feeling nervous before an exam is very common, and a little stress can even help you focus.",
        "What can I do the night before?",
        "Review your notes lightly instead of cramming, pack everything you need and get a full night of sleep. In "
        "the morning, eat a good breakfast and arrive a little early so you can settle in calmly."
    ),
    T(
        "animals", "sharks", "Are sharks dangerous to people?",
        "Shark attacks are very rare, and most shark species are not a threat to humans.", "Why are sharks important?",
        "As top predators, sharks help keep ocean ecosystems balanced by controlling the populations of the animals "
        "they eat. When shark numbers drop, the effects can ripple through the entire food chain."
    ),
    T(
        "arts", "watercolor painting", "What is watercolor painting?",
        "Watercolor is a painting method that uses pigments mixed with water, creating light, transparent layers on "
        "paper.", "What supplies do I need to start?",
        "You need a small set of watercolor paints, a couple of round brushes, thick watercolor paper and two jars of "
        "water, one for rinsing and one for clean water. A simple palette or a white plate works for mixing."
    ),
    T(
        "tech", "computer viruses", "What is a computer virus?",
        "A computer virus is a type of malicious software that spreads by attaching itself to files or programs and "
        "can damage data or steal information.", "How do I protect my computer from one?",
        "Keep your operating system and apps updated, use reputable security software and avoid downloading files "
        "from unknown sources. Regular backups also protect your files if something goes wrong."
    ),
    T(
        "travel", "Iceland", "What should I know before visiting Iceland?",
        "Iceland's weather changes quickly, so pack waterproof layers in any season, and expect prices to be fairly "
        "high. Renting a car is a popular way to see its waterfalls, glaciers and volcanic landscapes.",
        "Can I see the northern lights there?",
        "Yes, the northern lights are often visible from about September to April on clear, dark nights. Getting away "
        "from city lights and checking the aurora forecast improves your chances."
    ),
    T(
        "learning", "circle geometry", "What is the area of a circle with a radius of 3 centimeters?",
        "The area is pi times the radius squared, so pi times 9, which is about 28.27 square centimeters.",
        "And what is its circumference?",
        "The circumference is 2 times pi times the radius, so 2 times pi times 3, which is about 18.85 centimeters."
    ),
    T(
        "biology", "goosebumps", "Why do we get goosebumps?",
        "Goosebumps happen when tiny muscles at the base of hair follicles tighten, making the hairs stand up. It is "
        "a reflex triggered by cold or strong emotions like fear or excitement.",
        "Do they serve any purpose for humans?",
        "In furry animals, raised hair traps warm air or makes them look bigger to threats. In humans, who have "
        "little body hair, goosebumps are mostly a leftover reflex from our evolutionary past."
    ),
    T(
        "work", "cover letters", "How long should a cover letter be?",
        "A cover letter should usually fit on one page, about three to four short paragraphs or roughly 250 to 400 "
        "words.", "What should the first paragraph say?",
        "Open by naming the job you are applying for and give a brief, compelling reason you are a strong fit. A "
        "specific achievement or a real connection to the company makes a memorable start."
    ),
    T(
        "food", "raw cookie dough", "Is it safe to eat raw cookie dough?",
        "It is safest not to, because raw flour and raw eggs can carry harmful bacteria, including salmonella.",
        "Are there any safe versions?",
        "Yes, many stores sell edible cookie dough made with heat-treated flour and no raw eggs. You can also make "
        "your own by baking the flour briefly and leaving out the eggs."
    ),
    T(
        "biology", "babies walking", "At what age do babies usually start walking?",
        "Most babies take their first steps between about 9 and 15 months, although the normal range is wide.",
        "How can I encourage my baby to walk?",
        "Give plenty of safe floor time, let your baby pull up on sturdy furniture and hold their hands as they "
        "practice stepping. Going barefoot indoors helps them feel the floor and improve their balance."
    ),
    T(
        "environment", "carbon footprints", "What is a carbon footprint?",
        "A carbon footprint is the total amount of greenhouse gases released by a person's or organization's "
        "activities, such as travel, energy use and food.", "What is the easiest way to reduce mine?",
        "Some of the biggest changes are flying less, driving less or switching to an electric vehicle, and eating "
        "more plant-based meals. Improving home insulation and choosing renewable electricity also make a big "
        "difference."
    ),
    T(
        "arts", "musical tempo", "What does tempo mean in music?",
        "Tempo is the speed of a piece of music, usually measured in beats per minute.",
        "What is a typical tempo for pop songs?",
        "Many pop songs fall roughly between 100 and 130 beats per minute, which feels upbeat and easy to dance to. "
        "Ballads are usually slower, often around 60 to 80 beats per minute."
    ),
]

# ---------------------------------------------------------------------------
# Short original passages for closed_qa, information_extraction and
# summarization. Organizations and towns in them are invented.
# ---------------------------------------------------------------------------

P = Passage

PASSAGES: list[Passage] = [
    P("a library renovation",
      "The Harbor Street Library reopened in March after an eight-month renovation. The building now has a larger "
      "children's section, a quiet study room and a small cafe on the ground floor. Opening hours have also been "
      "extended until eight in the evening on weekdays.",
      "How long did the renovation of the Harbor Street Library take?",
      "According to the passage, the renovation of the Harbor Street Library took eight months before it reopened in "
      "March.",
      "List the new features of the library mentioned in the passage.",
      "The renovated library has three new features: a larger children's section, a quiet study room and a small cafe "
      "on the ground floor.",
      "After an eight-month renovation, the Harbor Street Library reopened in March with a bigger children's section, "
      "a study room, a cafe and longer weekday hours."),
    P("honeybee colonies",
      "A honeybee colony usually has one queen, a few hundred male drones and thousands of female worker bees. The "
      "queen lays the eggs, while the workers gather nectar and pollen, build wax comb and care for the young. Drones "
      "exist mainly to mate with queens from other colonies.",
      "What is the main role of drones in a honeybee colony?",
      "According to the passage, drones exist mainly to mate with queens from other colonies.",
      "Extract the three types of bees in a colony and how many of each there are.",
      "A colony has one queen, a few hundred male drones and thousands of female worker bees.",
      "A honeybee colony is made up of a single egg-laying queen, a few hundred drones that mate with other queens "
      "and thousands of workers who do most of the labor."),
    P("a family bakery",
      "Greenfield Bakery was founded in 2009 by two sisters, Rosa and Elena Marquez. It started as a market stall "
      "selling sourdough loaves and now runs three shops across the city. Its most popular item is a cardamom bun "
      "that sells out most mornings before ten o'clock.",
      "Who founded Greenfield Bakery?", "Greenfield Bakery was founded in 2009 by two sisters, Rosa and Elena Marquez.",
      "From the passage, extract the year the bakery was founded and the number of shops it runs.",
      "Greenfield Bakery was founded in 2009, and it now runs three shops across the city.",
      "Founded in 2009 by sisters Rosa and Elena Marquez, Greenfield Bakery grew from a sourdough market stall into "
      "three city shops known for cardamom buns that sell out early."),
    P("the Hawaiian hot spot",
      "The Hawaiian Islands formed over a hot spot, a place where magma rises from deep within Earth. As the Pacific "
      "Plate slowly moves northwest, new volcanoes form over the hot spot while older islands drift away and erode. "
      "This is why the Big Island in the southeast is the youngest and still has active volcanoes.",
      "Why is the Big Island the youngest of the Hawaiian Islands?",
      "The Big Island is the youngest because it sits over the hot spot now, while older islands have drifted "
      "northwest with the Pacific Plate.",
      "Extract the geological terms used in the passage.",
      "The passage uses the geological terms hot spot, magma, Pacific Plate and active volcanoes.",
      "The Hawaiian Islands formed as the Pacific Plate moved northwest over a hot spot, so the islands get older "
      "toward the northwest and the Big Island is the youngest."),
    P("a half marathon",
      "The Riverside Half Marathon will take place on Sunday, May 12, starting at 7:30 in the morning at Lakeview "
      "Park. Runners must collect their race numbers by Friday evening at the community center. Water stations will "
      "be placed every three kilometers along the route.",
      "Where does the Riverside Half Marathon start?",
      "The Riverside Half Marathon starts at Lakeview Park at 7:30 in the morning on Sunday, May 12.",
      "List the dates, times and places mentioned in the passage.",
      "The passage mentions Sunday, May 12, at 7:30 in the morning at Lakeview Park, and Friday evening at the "
      "community center.",
      "The Riverside Half Marathon starts at Lakeview Park on Sunday, May 12, runners must collect their numbers by "
      "Friday evening, and water stations will be set up every three kilometers."),
    P("the discovery of penicillin",
      "In 1928, Alexander Fleming noticed that a mold growing on one of his bacteria cultures had killed the bacteria "
      "around it. The mold produced a substance he named penicillin. More than a decade later, other scientists found "
      "ways to produce it in large amounts, and it became one of the first widely used antibiotics.",
      "What did Alexander Fleming notice in 1928?",
      "In 1928, Alexander Fleming noticed that a mold on one of his bacteria cultures had killed the bacteria around "
      "it.",
      "Extract the name of the scientist and the substance discovered from the passage.",
      "The scientist named in the passage is Alexander Fleming, and the substance he discovered is penicillin.",
      "In 1928, Alexander Fleming found that a mold produced penicillin, a substance that killed bacteria, and later "
      "mass production made it one of the first widely used antibiotics."),
    P("a software update",
      "Brightline Software released version 4.0 of its note-taking app on Tuesday. The update adds an offline mode, a "
      "dark theme and faster search, and it is free for existing users. The company said a tablet version will follow "
      "later this year.",
      "Do existing users have to pay for version 4.0 of the app?",
      "No, according to the passage, the version 4.0 update is free for existing users of the note-taking app.",
      "List the new features in version 4.0 mentioned in the passage.",
      "Version 4.0 adds three new features: an offline mode, a dark theme and faster search.",
      "Brightline Software released a free version 4.0 of its note-taking app with offline mode, a dark theme and "
      "faster search, and a tablet version is planned for later this year."),
    P("monarch butterfly migration",
      "Every autumn, millions of monarch butterflies in eastern North America fly south to spend the winter in the "
      "mountain forests of central Mexico. The journey can cover more than 4,000 kilometers. No single butterfly "
      "makes the full round trip, because it takes several generations to return north in spring.",
      "Where do eastern monarch butterflies spend the winter?",
      "Eastern monarch butterflies spend the winter in the mountain forests of central Mexico, according to the "
      "passage.",
      "Extract the distance and the destination of the monarch migration from the passage.",
      "The migration can cover more than 4,000 kilometers, and its destination is the mountain forests of central "
      "Mexico.",
      "Each autumn, eastern monarch butterflies travel more than 4,000 kilometers to spend the winter in central "
      "Mexico, and several generations are needed to complete the return trip north."),
    P("a school trip",
      "Year 6 students at Oakwood Primary will visit the city science museum on Thursday, October 3. The bus leaves "
      "the school at 9 in the morning and returns by 3 in the afternoon. Parents are asked to send a packed lunch and "
      "a signed permission slip by Monday.",
      "What time does the bus return to school?",
      "The bus returns to Oakwood Primary by 3 in the afternoon after the science museum visit.",
      "List what parents need to provide for the trip.",
      "Parents need to provide a packed lunch and a signed permission slip, and the slip must be returned by Monday.",
      "Oakwood Primary's Year 6 students will visit the science museum on Thursday, October 3, from 9 to 3, and "
      "parents must send a packed lunch and a signed permission slip."),
    P("the Great Barrier Reef",
      "The Great Barrier Reef lies off the northeast coast of Australia and stretches for about 2,300 kilometers. It "
      "is made up of thousands of individual reefs and hundreds of islands. Rising ocean temperatures have caused "
      "several mass coral bleaching events in recent decades.",
      "How long is the Great Barrier Reef?",
      "The Great Barrier Reef stretches for about 2,300 kilometers off the northeast coast of Australia.",
      "Extract the location of the reef and the threat mentioned in the passage.",
      "The reef lies off the northeast coast of Australia, and the threat mentioned is mass coral bleaching caused by "
      "rising ocean temperatures.",
      "The Great Barrier Reef, a 2,300-kilometer system of reefs and islands off northeast Australia, has suffered "
      "repeated coral bleaching as ocean temperatures rise."),
    P("new bike lanes",
      "The Millbrook city council voted on Monday to build eight kilometers of protected bike lanes over the next two "
      "years. The project will cost about 3 million dollars, with half paid for by a regional transport grant. "
      "Construction on the first section, along Main Street, is expected to begin in June.",
      "How much of the bike lane project will the regional grant pay for?",
      "The regional transport grant will pay for half of the roughly 3 million dollar project, according to the "
      "passage.",
      "Extract the length, cost and first location of the bike lane project.",
      "The project covers eight kilometers of protected bike lanes, costs about 3 million dollars and starts along "
      "Main Street.",
      "Millbrook's council approved eight kilometers of protected bike lanes costing about 3 million dollars, half "
      "funded by a regional grant, with work on Main Street starting in June."),
    P("the spread of tea",
      "Tea drinking began in China thousands of years ago, where it was first used as a medicine before becoming an "
      "everyday drink. It spread to Japan and Korea and later reached Europe in the 1600s through Dutch and "
      "Portuguese traders. In Britain, tea became so popular that afternoon tea developed into a social custom.",
      "How did tea first reach Europe?",
      "According to the passage, tea reached Europe in the 1600s through Dutch and Portuguese traders.",
      "List the countries mentioned in the passage.",
      "The countries named in the passage are China, Japan, Korea and Britain, and it also mentions Dutch and "
      "Portuguese traders.",
      "Tea began in China as a medicine, spread through East Asia, reached Europe in the 1600s with Dutch and "
      "Portuguese traders and became a social custom in Britain."),
    P("an animal shelter",
      "Sunrise Animal Shelter is looking for weekend volunteers to walk dogs, clean kennels and help at adoption "
      "events. Volunteers must be at least 16 years old and able to commit to four hours a month. Training is "
      "provided on the first Saturday of every month.",
      "How old must volunteers at the shelter be?",
      "Volunteers at Sunrise Animal Shelter must be at least 16 years old, according to the passage.",
      "List the volunteer tasks mentioned in the passage.",
      "The volunteer tasks mentioned are walking dogs, cleaning kennels and helping at adoption events.",
      "Sunrise Animal Shelter needs weekend volunteers aged 16 or older to walk dogs, clean kennels and help with "
      "adoptions for at least four hours a month, with monthly training provided."),
    P("octopus intelligence",
      "Octopuses are known for their problem-solving skills. In aquariums, they have been seen opening jars, escaping "
      "from tanks and recognizing individual keepers. Much of their nervous system is located in their eight arms, "
      "which can react to touch and taste on their own.",
      "Where is much of an octopus's nervous system located?",
      "According to the passage, much of an octopus's nervous system is located in its eight arms.",
      "Extract the examples of octopus behavior seen in aquariums.",
      "In aquariums, octopuses have been seen opening jars, escaping from tanks and recognizing individual keepers.",
      "Octopuses are clever problem-solvers that open jars, escape tanks and recognize keepers, and much of their "
      "nervous system is spread through their eight arms."),
    P("a lemon rice recipe",
      "To make lemon rice, cook one cup of rice and let it cool slightly. Heat two tablespoons of oil, fry a teaspoon "
      "of mustard seeds and a handful of peanuts, then add turmeric and curry leaves. Stir in the rice with the juice "
      "of one lemon and season with salt.",
      "How much lemon juice does the recipe use?",
      "The recipe uses the juice of one lemon, which is stirred in with the rice at the end.",
      "List all the ingredients mentioned in the recipe.",
      "The ingredients are rice, oil, mustard seeds, peanuts, turmeric, curry leaves, lemon juice and salt.",
      "The recipe makes lemon rice by frying mustard seeds, peanuts, turmeric and curry leaves in oil, then mixing in "
      "cooked rice, lemon juice and salt."),
    P("the Eiffel Tower",
      "The Eiffel Tower was built for the 1889 World's Fair in Paris and was designed by the company of engineer "
      "Gustave Eiffel. At about 300 meters, it was the tallest structure in the world until 1930. Many artists "
      "criticized it at first, but it became the most famous symbol of France.",
      "For what event was the Eiffel Tower built?",
      "The Eiffel Tower was built for the 1889 World's Fair in Paris, according to the passage.",
      "Extract the years and measurements mentioned in the passage.",
      "The passage mentions the year 1889, a height of about 300 meters and the year 1930.",
      "Built for the 1889 World's Fair, the 300-meter Eiffel Tower was the world's tallest structure until 1930 and "
      "went from being criticized to becoming France's best-known symbol."),
    P("a weather forecast",
      "Tomorrow will start cloudy with light rain in the morning, clearing by early afternoon. Highs will reach 18 "
      "degrees, with a gentle westerly breeze. A cold front arriving on Friday will bring stronger winds and "
      "temperatures closer to 10 degrees.",
      "What will the high temperature be tomorrow?",
      "Tomorrow's high temperature will reach 18 degrees, with a gentle westerly breeze, according to the forecast.",
      "Extract all the temperatures mentioned in the forecast.",
      "The forecast mentions a high of 18 degrees tomorrow and temperatures closer to 10 degrees on Friday.",
      "Tomorrow brings morning rain that clears by afternoon with highs of 18 degrees, before a Friday cold front "
      "brings stronger winds and cooler temperatures near 10 degrees."),
    P("Ada Lovelace",
      "Ada Lovelace was an English mathematician who worked with Charles Babbage on his design for a mechanical "
      "computer called the Analytical Engine. In her notes from 1843, she described a method for the machine to "
      "calculate a sequence of numbers. Because of this, she is often called the first computer programmer.",
      "Why is Ada Lovelace often called the first computer programmer?",
      "She is often called the first computer programmer because her 1843 notes described a method for the Analytical "
      "Engine to calculate a sequence of numbers.",
      "Extract the names of the people and the machine mentioned in the passage.",
      "The people mentioned are Ada Lovelace and Charles Babbage, and the machine is the Analytical Engine.",
      "Ada Lovelace worked with Charles Babbage on the Analytical Engine, and her 1843 notes describing a calculation "
      "method led many to call her the first computer programmer."),
    P("a lakeside lodge",
      "The Pinecrest Lodge has 24 rooms, each with a private balcony overlooking the lake. Breakfast is included and "
      "served from 7 to 10 each morning in the main dining room. Guests can also borrow kayaks and bicycles free of "
      "charge.",
      "Is breakfast included at the Pinecrest Lodge?",
      "Yes, breakfast is included at the Pinecrest Lodge and is served from 7 to 10 each morning in the main dining "
      "room.",
      "List the free extras mentioned in the passage.",
      "The free extras mentioned are breakfast, along with kayaks and bicycles that guests can borrow free of charge.",
      "The Pinecrest Lodge offers 24 lake-view rooms with private balconies, an included breakfast and free use of "
      "kayaks and bicycles."),
    P("the Dead Sea",
      "The Dead Sea, which borders Jordan, Israel and the West Bank, is one of the saltiest bodies of water on Earth. "
      "Its shore lies more than 400 meters below sea level, the lowest land elevation in the world. The high salt "
      "content makes the water so dense that people float easily on its surface.",
      "Why do people float easily in the Dead Sea?",
      "People float easily in the Dead Sea because its high salt content makes the water very dense.",
      "Extract the places that the Dead Sea borders.",
      "According to the passage, the Dead Sea borders Jordan, Israel and the West Bank.",
      "The Dead Sea is extremely salty and lies more than 400 meters below sea level, making its shore the lowest "
      "land on Earth and a place where people float easily."),
    P("marketing meeting notes",
      "At Tuesday's meeting, the marketing team agreed to launch the spring campaign on April 2. Priya will finalize "
      "the social media posts, Tom will book the radio ads, and Jun will update the website banner. The team will "
      "review progress again next Tuesday.",
      "When will the spring campaign launch?",
      "The marketing team agreed to launch the spring campaign on April 2, according to the meeting notes.",
      "Extract each person's task from the meeting notes.",
      "Priya will finalize the social media posts, Tom will book the radio ads, and Jun will update the website "
      "banner.",
      "The marketing team set an April 2 launch for the spring campaign, gave social media, radio and website tasks "
      "to Priya, Tom and Jun, and will meet again next Tuesday."),
    P("bamboo",
      "Bamboo is a type of grass, not a tree, and some species can grow almost a meter in a single day. It is strong "
      "and lightweight, which makes it useful for building, furniture and scaffolding. Because it regrows quickly "
      "after being cut, bamboo is often considered a sustainable material.",
      "Is bamboo a tree?", "No, according to the passage, bamboo is a type of grass rather than a tree.",
      "List the uses of bamboo mentioned in the passage.",
      "The passage says bamboo is used for building, furniture and scaffolding because it is strong and lightweight.",
      "Bamboo is a fast-growing grass that is strong, light and quick to regrow, which makes it a useful and "
      "sustainable material for building and furniture."),
    P("a photography exhibition",
      "The Northgate Museum's new exhibition, Light and Shadow, features 60 photographs taken between 1950 and 1980. "
      "It runs from June 1 to September 15 in the east gallery. Tickets cost 8 dollars for adults, and children under "
      "12 enter free.",
      "How much does an adult ticket cost?",
      "An adult ticket to the Light and Shadow exhibition costs 8 dollars, and children under 12 enter free.",
      "Extract the exhibition's name, dates and location.",
      "The exhibition is called Light and Shadow, runs from June 1 to September 15 and is held in the east gallery.",
      "The Northgate Museum's Light and Shadow exhibition shows 60 photographs from 1950 to 1980 in its east gallery "
      "from June 1 to September 15, and children under 12 enter free."),
    P("scurvy",
      "Scurvy is a disease caused by a lack of vitamin C, and it was once common among sailors on long voyages. Its "
      "symptoms include tiredness, bleeding gums and slow wound healing. In the 1700s, experiments showed that citrus "
      "fruits such as lemons and limes could prevent it.",
      "What causes scurvy?", "According to the passage, scurvy is caused by a lack of vitamin C in the diet.",
      "List the symptoms of scurvy mentioned in the passage.",
      "The symptoms of scurvy mentioned in the passage are tiredness, bleeding gums and slow wound healing.",
      "Scurvy, a vitamin C deficiency that once troubled sailors, causes tiredness, bleeding gums and poor healing, "
      "and experiments in the 1700s showed that citrus fruit could prevent it."),
    P("a desk lamp review",
      "I bought the Aurora desk lamp for my home office three months ago. The light is bright and adjustable, and the "
      "built-in USB port is handy for charging my phone. My only complaint is that the base wobbles slightly when I "
      "tap the desk.",
      "What is the reviewer's only complaint about the lamp?",
      "The reviewer's only complaint is that the lamp's base wobbles slightly when they tap the desk.",
      "Extract the positive features of the lamp mentioned in the review.",
      "The review praises the lamp's bright, adjustable light and its built-in USB port for charging a phone.",
      "After three months of use, the reviewer likes the Aurora lamp's bright, adjustable light and USB port but "
      "notes that its base wobbles slightly."),
    P("the Amazon River",
      "The Amazon River flows across South America from the Andes mountains to the Atlantic Ocean. It carries more "
      "water than any other river, roughly a fifth of all the river water that reaches the oceans. Its basin is home "
      "to the largest tropical rainforest on Earth.",
      "Into which ocean does the Amazon River flow?",
      "The Amazon River flows into the Atlantic Ocean after crossing South America from the Andes mountains.",
      "Extract the starting point and end point of the Amazon River.",
      "According to the passage, the Amazon River starts in the Andes mountains and ends at the Atlantic Ocean.",
      "The Amazon River runs from the Andes to the Atlantic, carries about a fifth of the river water reaching the "
      "oceans and drains the world's largest tropical rainforest."),
    P("an office closure",
      "Hi team, the office will be closed on Friday for electrical repairs. Please work from home that day and make "
      "sure your laptops are charged. The repairs should be finished by Monday morning, and normal hours will resume "
      "then.",
      "Why will the office be closed on Friday?",
      "The office will be closed on Friday because of electrical repairs, so the team should work from home.",
      "Extract the instructions given to the team in the email.",
      "The team is asked to work from home on Friday and to make sure their laptops are charged.",
      "The office will close on Friday for electrical repairs, so staff should work from home with charged laptops, "
      "and normal hours will resume on Monday."),
    P("sloths",
      "Sloths live in the tropical forests of Central and South America and spend most of their lives hanging upside "
      "down in trees. They move very slowly, which helps them save energy on a diet of low-nutrition leaves. Algae "
      "often grow in their fur, giving them a greenish tint that helps them blend in.",
      "Why do sloths move so slowly?",
      "Sloths move slowly to save energy, because their diet of leaves provides very little nutrition.",
      "Extract where sloths live and what they eat.",
      "Sloths live in the tropical forests of Central and South America and eat a diet of low-nutrition leaves.",
      "Sloths in Central and South American forests hang upside down, move slowly to save energy on a leafy diet and "
      "often have algae in their fur that helps camouflage them."),
    P("a community garden",
      "The Elm Park Community Garden has 40 plots available for rent at 25 dollars per season. Members share tools, a "
      "compost area and a rainwater tank. The garden holds a harvest festival every September, where members share "
      "food with their neighbors.",
      "How much does it cost to rent a plot?",
      "Renting a plot at the Elm Park Community Garden costs 25 dollars per season, according to the passage.",
      "List the shared resources available to garden members.",
      "Garden members share tools, a compost area and a rainwater tank, according to the passage.",
      "Elm Park Community Garden rents 40 plots for 25 dollars a season, provides shared tools, compost and "
      "rainwater, and hosts a harvest festival every September."),
    P("the Hubble Space Telescope",
      "The Hubble Space Telescope was launched in 1990 and orbits a little over 500 kilometers above Earth. Because "
      "it is above the blurring effect of the atmosphere, it can take extremely sharp images of distant galaxies. "
      "Astronauts visited it five times to repair and upgrade its instruments.",
      "How many times did astronauts visit the Hubble Space Telescope?",
      "According to the passage, astronauts visited the Hubble Space Telescope five times to repair and upgrade its "
      "instruments.",
      "Extract the launch year and the orbit height of the telescope.",
      "The Hubble Space Telescope was launched in 1990 and orbits a little over 500 kilometers above Earth.",
      "Launched in 1990, the Hubble Space Telescope orbits above Earth's atmosphere, takes very sharp images of "
      "distant galaxies and was serviced by astronauts five times."),
    P("a new cafe",
      "Maple and Moss, a new cafe on Bridge Road, opens this Saturday. It will serve locally roasted coffee, homemade "
      "soups and vegan pastries. To celebrate, the first fifty customers will receive a free drink.",
      "What will the first fifty customers receive?",
      "The first fifty customers at Maple and Moss will receive a free drink to celebrate the opening.",
      "List the foods and drinks the cafe will serve.",
      "Maple and Moss will serve locally roasted coffee, homemade soups and vegan pastries.",
      "Maple and Moss, a new Bridge Road cafe serving local coffee, soups and vegan pastries, opens this Saturday "
      "with free drinks for the first fifty customers."),
    P("origami",
      "Origami is the Japanese art of folding paper into shapes such as animals, flowers and boxes. Traditional "
      "origami uses a single square sheet without cuts or glue. Engineers have borrowed origami folding ideas to "
      "design things like foldable solar panels for spacecraft.",
      "What rules does traditional origami follow?",
      "Traditional origami uses a single square sheet of paper and does not allow cuts or glue.",
      "Extract the examples of origami shapes and engineering uses mentioned.",
      "The passage mentions origami animals, flowers and boxes, and foldable solar panels for spacecraft as an "
      "engineering use.",
      "Origami is the Japanese art of folding a single uncut sheet of paper into shapes, and its techniques have "
      "inspired engineering designs such as foldable solar panels for spacecraft."),
    P("a pottery course",
      "The beginner pottery course runs for six weeks on Wednesday evenings from 6 to 8. All clay and tools are "
      "provided, but students should wear clothes they do not mind getting dirty. The course fee is 120 dollars, and "
      "places are limited to ten people.",
      "How many people can join the pottery course?",
      "The beginner pottery course is limited to ten people, and it costs 120 dollars per person.",
      "Extract the course length, schedule and fee.",
      "The course lasts six weeks, meets on Wednesday evenings from 6 to 8 and costs 120 dollars.",
      "A six-week beginner pottery course meets on Wednesday evenings from 6 to 8, provides clay and tools, costs 120 "
      "dollars and is limited to ten students."),
    P("Antarctica",
      "Antarctica is the coldest, windiest and driest continent on Earth. About 98 percent of it is covered by ice "
      "that is, on average, more than a kilometer and a half thick. No one lives there permanently, but thousands of "
      "scientists work at research stations, especially in summer.",
      "Does anyone live in Antarctica permanently?",
      "No, no one lives in Antarctica permanently, although thousands of scientists work at research stations there.",
      "Extract the numbers mentioned in the passage.",
      "The passage says about 98 percent of Antarctica is covered by ice that averages more than a kilometer and a "
      "half thick.",
      "Antarctica, the coldest, windiest and driest continent, is almost entirely covered in thick ice and has no "
      "permanent residents, only scientists at research stations."),
    P("a missing dog",
      "Our small brown dog, Biscuit, went missing on Sunday night near Willow Lane. He wears a red collar with a name "
      "tag and is very friendly with people. If you see him, please call Sam at the number below.",
      "What color is Biscuit's collar?",
      "According to the notice, Biscuit the missing dog wears a red collar with a name tag.",
      "Extract the pet's name, description and where it was last seen.",
      "The dog is named Biscuit, is small, brown and friendly with a red collar, and went missing near Willow Lane.",
      "A small, friendly brown dog named Biscuit with a red collar went missing near Willow Lane on Sunday night, and "
      "anyone who sees him should call Sam."),
    P("the kiwi bird",
      "The kiwi is a small, flightless bird found only in New Zealand. It has nostrils at the tip of its long beak, "
      "which it uses to sniff out worms and insects in the soil. Kiwi are mostly active at night and are a national "
      "symbol of New Zealand.",
      "Can kiwi birds fly?",
      "No, kiwi birds cannot fly, because the passage describes the kiwi as a small, flightless bird.",
      "Extract what kiwi birds eat, according to the passage.",
      "According to the passage, kiwi birds eat worms and insects that they sniff out in the soil.",
      "The kiwi is a small, flightless, mostly nocturnal bird found only in New Zealand that uses nostrils at the tip "
      "of its beak to find food and is a national symbol."),
    P("library borrowing rules",
      "Starting next month, the Lakeside Public Library will allow members to borrow up to 15 items at a time, up "
      "from 10. Loan periods remain three weeks, and items can be renewed online twice. Late fees for children's "
      "books have also been removed.",
      "How many items can members borrow at a time starting next month?",
      "Starting next month, members of the Lakeside Public Library can borrow up to 15 items at a time, up from 10.",
      "Extract the changes to the library rules mentioned in the passage.",
      "The borrowing limit is rising from 10 to 15 items, and late fees for children's books have been removed.",
      "Lakeside Public Library is raising its borrowing limit to 15 items and removing late fees on children's books, "
      "while keeping three-week loans with two online renewals."),
    P("the history of coffee",
      "Coffee plants are believed to have first been used in Ethiopia, and by the 1400s coffee was being brewed in "
      "Yemen. Coffeehouses spread through the Middle East and reached Europe in the 1600s, where they became popular "
      "places to meet and discuss news. Today, Brazil is the world's largest coffee producer.",
      "Which country is the world's largest coffee producer today?",
      "According to the passage, Brazil is the world's largest coffee producer today.",
      "List the countries and regions mentioned in the passage.",
      "The passage mentions Ethiopia, Yemen, the Middle East, Europe and Brazil.",
      "Coffee likely originated in Ethiopia, was brewed in Yemen by the 1400s, spread through coffeehouses to Europe "
      "in the 1600s and is now produced most by Brazil."),
    P("a fitness app",
      "The StepUp fitness app now rewards users with badges for reaching daily step goals. Users who walk 10,000 "
      "steps on five days in a week earn a gold badge. The app has also added a reminder that suggests a short walk "
      "after an hour of sitting.",
      "How does a user earn a gold badge?",
      "A user earns a gold badge by walking 10,000 steps on five days in a single week.",
      "Extract the new features of the StepUp app.",
      "The new features are badges for reaching daily step goals and a reminder to take a short walk after an hour of "
      "sitting.",
      "The StepUp app now gives badges for step goals, including a gold badge for 10,000 steps on five days a week, "
      "and reminds users to walk after sitting for an hour."),
    P("tardigrades",
      "Tardigrades, also called water bears, are tiny animals that are usually less than a millimeter long. They can "
      "survive extreme conditions, including freezing, drying out and high levels of radiation, by entering a state "
      "in which their metabolism almost stops. Scientists have even found that some survived exposure to outer space.",
      "How do tardigrades survive extreme conditions?",
      "Tardigrades survive extreme conditions by entering a state in which their metabolism almost stops, according "
      "to the passage.",
      "List the extreme conditions tardigrades can survive.",
      "According to the passage, tardigrades can survive freezing, drying out, high radiation and even exposure to "
      "outer space.",
      "Tardigrades are tiny animals that survive freezing, drying out, radiation and even outer space by almost "
      "shutting down their metabolism."),
]

SUMMARY_INSTRUCTIONS: tuple[str, ...] = (
    "Summarize the passage in one sentence.",
    "Give a one-sentence summary of this text.",
    "Summarize the following passage.",
    "Briefly summarize this text.",
    "What is the main point of this passage?",
    "Write a short summary of the passage below.",
)

# ---------------------------------------------------------------------------
# Classification tables. Examples are sampled from these with the seeded RNG.
# ---------------------------------------------------------------------------

G = ClassGroup

CLASS_TABLES: list[ClassTable] = [
    ClassTable(
        (
            "Classify each of the following as a fruit or a vegetable: {items}.",
            "Which of these are fruits and which are vegetables: {items}?",
            "Sort the following foods into fruits and vegetables: {items}."
        ),
        (G(
            "a fruit", "fruits", ( "apple", "banana", "cherry", "mango", "pear", "grape", "strawberry", "pineapple",
            "peach", "plum"
        )),
         G(
             "a vegetable", "vegetables", ( "carrot", "broccoli", "spinach", "potato", "onion", "cabbage", "lettuce",
             "celery", "cauliflower", "leek"
         ))),
    ),
    ClassTable(
        (
            "Classify each of the following as a mammal or a bird: {items}.",
            "Which of these animals are mammals and which are birds: {items}?",
            "Sort these animals into mammals and birds: {items}."
        ),
        (G(
            "a mammal", "mammals", ( "dog", "whale", "bat", "horse", "dolphin", "elephant", "rabbit", "cow", "lion",
            "mouse"
        )),
         G(
             "a bird", "birds", ( "eagle", "penguin", "owl", "sparrow", "ostrich", "parrot", "swan", "robin", "pigeon",
             "flamingo"
         ))),
    ),
    ClassTable(
        (
            "Classify each of the following as a fish or a reptile: {items}.",
            "Which of these animals are fish and which are reptiles: {items}?"
        ),
        (G("a fish", "fish", ("salmon", "shark", "tuna", "trout", "goldfish", "cod", "herring")),
         G("a reptile", "reptiles", ("snake", "lizard", "crocodile", "turtle", "iguana", "gecko", "tortoise"))),
    ),
    ClassTable(
        (
            "Classify each of these energy sources as renewable or non-renewable: {items}.",
            "Which of the following energy sources are renewable and which are not: {items}?"
        ),
        (G(
            "a renewable energy source", "renewable energy sources", ( "solar power", "wind power",
            "hydroelectric power", "geothermal energy", "tidal power"
        )),
         G("a non-renewable energy source", "non-renewable energy sources", ("coal", "oil", "natural gas"))),
    ),
    ClassTable(
        (
            "Classify each of the following as a string, wind or percussion instrument: {items}.",
            "Sort these instruments into string, wind and percussion instruments: {items}."
        ),
        (G("a string instrument", "string instruments", ("violin", "cello", "guitar", "harp", "banjo", "double bass")),
         G("a wind instrument", "wind instruments", ("flute", "clarinet", "trumpet", "saxophone", "oboe", "trombone")),
         G(
             "a percussion instrument", "percussion instruments", ( "snare drum", "xylophone", "tambourine", "marimba",
             "triangle", "gong"
         ))),
    ),
    ClassTable(
        (
            "Classify each of the following computer devices as an input device or an output device: {items}.",
            "Which of these are input devices and which are output devices: {items}?"
        ),
        (G("an input device", "input devices", ("keyboard", "mouse", "microphone", "scanner", "webcam", "touchpad")),
         G("an output device", "output devices", ("monitor", "printer", "speaker", "projector"))),
    ),
    ClassTable(
        (
            "Classify each of the following sports as played with a ball or without a ball: {items}.",
            "Which of these sports use a ball and which do not: {items}?"
        ),
        (G(
            "a sport played with a ball", "sports played with a ball", ( "tennis", "basketball", "golf", "cricket",
            "volleyball", "baseball", "rugby"
        )),
         G(
             "a sport played without a ball", "sports played without a ball", ( "swimming", "cycling", "archery",
             "rowing", "skiing", "boxing"
         ))),
    ),
    ClassTable(
        (
            "Classify each of the following as a solid, a liquid or a gas at room temperature: {items}.",
            "At room temperature, which of these are solids, which are liquids and which are gases: {items}?"
        ),
        (G("a solid", "solids", ("iron", "salt", "wood", "copper", "sugar", "granite")),
         G("a liquid", "liquids", ("water", "mercury", "olive oil", "vinegar", "honey")),
         G("a gas", "gases", ("oxygen", "nitrogen", "helium", "carbon dioxide", "neon"))),
    ),
    ClassTable(
        (
            "Classify each of the following countries as being in Europe or in Asia: {items}.",
            "Which of these countries are in Europe and which are in Asia: {items}?"
        ),
        (G("in Europe", "in Europe", ("France", "Poland", "Sweden", "Portugal", "Greece", "Ireland", "Austria")),
         G("in Asia", "in Asia", ("Japan", "India", "Vietnam", "Thailand", "Mongolia", "Nepal", "Malaysia"))),
    ),
    ClassTable(
        (
            "Classify each of the following countries as being in Africa or in South America: {items}.",
            "Which of these countries are in Africa and which are in South America: {items}?"
        ),
        (G("in Africa", "in Africa", ("Kenya", "Nigeria", "Ghana", "Ethiopia", "Senegal", "Tanzania", "Morocco")),
         G(
             "in South America", "in South America", ( "Brazil", "Peru", "Chile", "Argentina", "Colombia", "Uruguay",
             "Bolivia"
         ))),
    ),
    ClassTable(
        (
            "Classify each of the following numbers as prime or composite: {items}.",
            "Which of these numbers are prime and which are composite: {items}?"
        ),
        (G("a prime number", "prime numbers", ("2", "3", "5", "7", "11", "13", "17", "19", "23", "29", "31")),
         G("a composite number", "composite numbers", ("4", "6", "8", "9", "10", "12", "14", "15", "21", "25", "27"))),
    ),
    ClassTable(
        (
            "Classify each of the following as a planet or a star: {items}.",
            "Which of these are planets and which are stars: {items}?"
        ),
        (G("a planet", "planets", ("Mercury", "Venus", "Mars", "Jupiter", "Saturn", "Neptune", "Uranus")),
         G("a star", "stars", ("Sirius", "Polaris", "Betelgeuse", "Vega", "Rigel", "Aldebaran"))),
    ),
    ClassTable(
        (
            "Classify each of the following animals as a herbivore or a carnivore: {items}.",
            "Which of these animals are herbivores and which are carnivores: {items}?"
        ),
        (G("a herbivore", "herbivores", ("cow", "deer", "giraffe", "rabbit", "horse", "koala", "bison")),
         G("a carnivore", "carnivores", ("lion", "tiger", "wolf", "eagle", "crocodile", "polar bear", "leopard"))),
    ),
    ClassTable(
        (
            "Classify each of the following as a programming language or a markup language: {items}.",
            "Which of these are programming languages and which are markup languages: {items}?"
        ),
        (G("a programming language", "programming languages", ("Python", "Java", "Rust", "C", "JavaScript", "Go")),
         G("a markup language", "markup languages", ("HTML", "Markdown", "XML"))),
    ),
    ClassTable(
        (
            "Classify each of the following numbers as even or odd: {items}.",
            "Which of these numbers are even and which are odd: {items}?"
        ),
        (G("an even number", "even numbers", ("4", "12", "18", "26", "34", "40", "52", "68", "76", "90")),
         G("an odd number", "odd numbers", ("7", "13", "21", "35", "47", "59", "63", "81", "95", "99"))),
    ),
]

# ---------------------------------------------------------------------------
# Held-out test prompts and extra PPO prompt material.
# ---------------------------------------------------------------------------

TEST_PROMPTS: list[str] = [
    "Explain AI:",
    "Write a short poem about the ocean:",
    "Describe the water cycle:",
    "Give three tips for better sleep:",
    "What is machine learning:",
    "Explain why exercise is good for you:",
    "Describe your ideal weekend:",
    "Give advice on learning to cook:",
    "What is the tallest mountain in the world:",
    "Explain how a computer stores data:",
    "Write a haiku about autumn leaves:",
    "Describe how bees make honey:",
    "Give tips for staying focused while studying:",
    "What causes earthquakes:",
    "Explain the difference between weather and climate:",
    "Write a short story about a lost kitten:",
    "Describe a healthy breakfast:",
    "Give advice on preparing for a job interview:",
    "What is the speed of light:",
    "Explain how a bicycle works:",
    "Describe the city of Rome:",
    "Suggest a fun activity for a rainy day:",
    "Explain what a budget is:",
    "Name three famous painters:",
]

PPO_TOPIC_TEMPLATES_ANY: tuple[str, ...] = (
    "Tell me about {t}:",
    "Write a few sentences about {t}:",
    "Give a short overview of {t}:",
    "Write a short paragraph about {t}:",
)
PPO_TOPIC_TEMPLATES_FACT: tuple[str, ...] = (
    "Describe {t}:",
    "Share some interesting facts about {t}:",
)
PPO_ADVICE_TEMPLATES: tuple[str, ...] = (
    "Give advice on {t}:",
    "Share some tips for {t}:",
)
PPO_CREATIVE_TEMPLATES: tuple[str, ...] = (
    "Write a short poem about {t}:",
    "Write a haiku about {t}:",
    "Write a short story about {t}:",
    "Write a limerick about {t}:",
)
PPO_CREATIVE_SUBJECTS: tuple[str, ...] = (
    "a rainy afternoon", "a sleepy village", "the mountains", "an old lighthouse", "a snowy night",
    "the first day of summer", "a busy market", "an old oak tree", "a paper boat", "the northern lights",
    "a long journey", "a thunderstorm", "the desert at night", "a hummingbird", "a forgotten key",
    "a kind stranger", "a school garden", "an old photograph", "a brave little mouse", "a picnic in the park",
    "a talking parrot", "a quiet lake", "a new neighbor", "the last day of school", "a hot air balloon",
    "a tiny dragon", "a sunflower", "a jar of fireflies", "a grandfather's clock", "a winter morning",
    "a shooting star", "a pair of old boots",
)
PPO_MISC: tuple[str, ...] = (
    "Compare trains and planes for long-distance travel:",
    "Suggest a name for a friendly robot:",
    "Describe a perfect picnic:",
    "Explain why the ocean is salty:",
    "Describe the sound of rain on a roof:",
    "Give advice on making a difficult decision:",
    "Explain how a refrigerator keeps food cold:",
    "Describe what a librarian does:",
    "List five fruits that are high in vitamin C:",
    "Explain why bread goes stale:",
    "Describe how to tie a shoelace:",
    "Give advice on keeping plants alive during a vacation:",
    "Explain how a rocket gets into space:",
    "Describe the life cycle of a frog:",
    "Explain why we have day and night:",
    "Suggest a weekend project for a beginner woodworker:",
    "Explain how a bill becomes a law:",
    "Describe what makes a good teacher:",
    "Give advice on writing a cover letter:",
    "Explain how solar panels make electricity:",
    "Describe the job of a firefighter:",
    "Suggest three names for a pet goldfish:",
    "Explain how to make a cup of tea:",
    "Describe the feeling of finishing a big project:",
    "Explain why old batteries should be recycled properly:",
    "Give advice on talking to a shy child:",
    "Explain how an airplane stays in the air:",
    "Describe a walk through a forest:",
    "Explain what an ecosystem is:",
    "Summarize the story of Cinderella:",
    "Explain the rules of tic-tac-toe:",
    "Describe how a seed grows into a plant:",
    "Give advice on choosing a laptop:",
    "Explain how a microwave heats food:",
    "Describe a day in the life of a farmer:",
    "Translate good morning into Spanish:",
    "Explain what a noun is:",
    "Describe how a compass works:",
    "Give advice on organizing a desk:",
    "Explain what a democracy is:",
    "Describe the taste of a lemon:",
    "Compare reading a book and watching its film adaptation:",
    "Suggest a healthy drink for a hot day:",
    "Explain why the Moon looks bigger near the horizon:",
)

# ---------------------------------------------------------------------------
# Material for rejected answers (the failure modes).
# ---------------------------------------------------------------------------

FAILURE_MODES: tuple[str, ...] = ("off_topic", "repetitive", "cut_off", "rude", "empty", "vague")

REPEAT_PHRASES: tuple[str, ...] = (
    "I hope this helps.", "Let me explain.", "That is a great question.", "This is very important.",
    "Thank you for asking.", "As I said before,", "and so on and so on", "I think so.",
    "Yes, yes, yes.", "It is what it is.", "Let me think about that.", "Here is the answer.",
)
RUDE_OPENERS: tuple[str, ...] = (
    "That's a silly question.", "Seriously, you don't know this?", "Ugh, not this again.",
    "Why would you even ask me that?", "What a pointless thing to ask.", "I can't believe you need help with this.",
    "That's honestly a boring question.", "Do you ever think before you ask things?",
    "Wow, that's an easy one, and you still asked.", "I'm not in the mood for questions like this.",
)
RUDE_CLOSERS: tuple[str, ...] = (
    "Figure it out yourself.", "Look it up like everyone else.", "Go ask someone else.", "Stop wasting my time.",
    "Use a search engine.", "Do your own homework.", "I'm not going to explain it to you.",
    "Come back when you have a real question.", "Next.", "Not my problem.",
)
RUDE_TOPIC: tuple[str, ...] = (
    "I'm not wasting my time on a question about {t}.",
    "Nobody cares about {t}, so stop asking.",
    "You could have found out about {t} yourself in ten seconds.",
    "Questions about {t} are boring. Ask someone else.",
    "Honestly, go read about {t} on your own time.",
    "Ask somebody else about {t}. I have better things to do.",
)
EMPTY_ANSWERS: tuple[str, ...] = (
    "", "...", "I don't know.", "No idea.", "Not sure.", "Hmm.", "Idk.", "Dunno.", "?", "Ok.", "Maybe.",
    "Yes.", "No.", "Sure.", "Who knows.", "Can't say.", "Pass.", "Nothing.", "Uh...", "I'm not sure.",
    "No comment.", "Good question.", "Hmm...", "N/A", "It's hard to say.", "Huh?", "Okay then.",
)
VAGUE_SENTENCES: tuple[str, ...] = (
    "It depends on many things.", "There are many factors to consider.", "It really depends on the situation.",
    "Everyone has a different view on this.", "Some people say one thing and others say another.",
    "It's hard to give a simple answer.", "You might want to look into it more.",
    "There are pros and cons either way.", "It varies from case to case.", "It's a complicated topic.",
    "Different sources say different things.", "Results may vary.",
    "It's something a lot of people wonder about.", "There's no one answer that fits everyone.",
    "It could go a number of ways.", "That's something you'd have to think about.",
    "Many things can play a role.", "Generally speaking, it's complicated.",
)
VAGUE_TOPIC: tuple[str, ...] = (
    "The subject of {t} is a complicated one.", "There is a lot to say about {t}.",
    "People have many different opinions about {t}.", "When it comes to {t}, it really varies.",
)

# ---------------------------------------------------------------------------
# Helpers and validation.
# ---------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_FINAL_PUNCT = (".", "!", "?")


def count_sentences(text: str) -> int:
    """Count sentence-ending punctuation marks followed by whitespace or the end."""
    return len(_SENTENCE_END.findall(text))


def check_answer(text: str, where: str, min_words: int = 10, max_words: int = 60) -> None:
    """Raise if a good answer is not 1-3 complete sentences of 10-60 words."""
    words = len(text.split())
    sentences = count_sentences(text)
    if not (min_words <= words <= max_words and 1 <= sentences <= 3 and text.endswith(_FINAL_PUNCT)):
        raise ValueError(f"{where}: {words} words, {sentences} sentences: {text!r}")


def check_passage(text: str, where: str) -> None:
    sentences = count_sentences(text)
    if not (2 <= sentences <= 4 and text.endswith(_FINAL_PUNCT)):
        raise ValueError(f"{where}: passage has {sentences} sentences: {text!r}")


def normalize(text: str) -> str:
    """Lower-case, drop punctuation and squeeze whitespace (used for disjointness)."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def to_colon_prompt(instruction: str) -> str:
    """Turn 'What is X?' or 'Explain X.' into the colon style 'What is X:'."""
    return instruction.rstrip().rstrip("?.!").rstrip() + ":"


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def join_items(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def validate_content() -> None:
    for item in QA_ITEMS:
        check_answer(item.answer, f"qa {item.topic}")
        if item.kind not in ("o", "g"):
            raise ValueError(f"qa {item.topic}: bad kind {item.kind!r}")
        if item.sft == item.hh:
            raise ValueError(f"qa {item.topic}: SFT and HH phrasings are identical")
    for b in BRAINSTORM:
        check_answer(b.response, f"brainstorm {b.topic}")
    for c in CREATIVE:
        check_answer(c.response, f"creative {c.topic}")
    for t in TWO_TURN:
        check_answer(t.a2, f"two-turn {t.topic}")
        check_answer(t.a1, f"two-turn first answer {t.topic}")
    for p in PASSAGES:
        check_passage(p.text, f"passage {p.topic}")
        check_answer(p.answer, f"passage answer {p.topic}")
        check_answer(p.extracted, f"passage extraction {p.topic}")
        check_answer(p.summary, f"passage summary {p.topic}")
    topics = [q.topic for q in QA_ITEMS] + [b.topic for b in BRAINSTORM] + [c.topic for c in CREATIVE]
    duplicates = [t for t, n in Counter(topics).items() if n > 1]
    if duplicates:
        raise ValueError(f"duplicate topics: {duplicates}")
    if len(TEST_PROMPTS) != 24 or TEST_PROMPTS[0] != "Explain AI:":
        raise ValueError("TEST_PROMPTS must have 24 entries starting with 'Explain AI:'")


# ---------------------------------------------------------------------------
# SFT (Dolly schema).
# ---------------------------------------------------------------------------


def sft_row(instruction: str, context: str, response: str, category: str) -> dict[str, str]:
    return {"instruction": instruction, "context": context, "response": response, "category": category}


def make_classification(rng: random.Random, count: int) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    attempts = 0
    while len(rows) < count:
        attempts += 1
        if attempts > 10_000:
            raise RuntimeError("could not build enough distinct classification examples")
        table = CLASS_TABLES[len(rows) % len(CLASS_TABLES)]
        total = rng.randint(5, 7)
        picks: list[tuple[str, int]] = []
        for gi, group in enumerate(table.groups):
            picks.append((rng.choice(group.items), gi))
        pool = [(item, gi) for gi, group in enumerate(table.groups) for item in group.items]
        rest = [p for p in pool if p not in picks]
        picks += rng.sample(rest, total - len(picks))
        rng.shuffle(picks)
        instruction = rng.choice(table.prompts).format(items=join_items([p[0] for p in picks]))
        if instruction in seen:
            continue
        seen.add(instruction)
        clauses: list[str] = []
        for gi, group in enumerate(table.groups):
            members = [item for item, g in picks if g == gi]
            verb = "is " + group.singular if len(members) == 1 else "are " + group.plural
            clauses.append(f"{join_items(members)} {verb}")
        if len(clauses) == 2:
            joiner = rng.choice((", while ", ", and ", "; "))
            response = clauses[0] + joiner + clauses[1] + "."
        else:
            response = ", ".join(clauses[:-1]) + ", and " + clauses[-1] + "."
        response = capitalize_first(response)
        check_answer(response, f"classification {instruction}")
        rows.append(sft_row(instruction, "", response, "classification"))
    return rows


def build_sft(rng: random.Random) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    qa_pool = list(QA_ITEMS)
    rng.shuffle(qa_pool)
    for item in qa_pool[:SFT_QA_COUNT]:
        category = "open_qa" if item.kind == "o" else "general_qa"
        rows.append(sft_row(item.sft, "", item.answer, category))
    for b in BRAINSTORM:
        rows.append(sft_row(b.sft, "", b.response, "brainstorming"))
    for c in CREATIVE:
        rows.append(sft_row(c.sft, "", c.response, "creative_writing"))
    rows.extend(make_classification(rng, CLASSIFICATION_COUNT))
    for p in PASSAGES:
        rows.append(sft_row(p.question, p.text, p.answer, "closed_qa"))
        rows.append(sft_row(p.extract, p.text, p.extracted, "information_extraction"))
        rows.append(sft_row(rng.choice(SUMMARY_INSTRUCTIONS), p.text, p.summary, "summarization"))
    rng.shuffle(rows)
    return rows


# ---------------------------------------------------------------------------
# Preferences (HH-RLHF schema).
# ---------------------------------------------------------------------------


class Conversation(NamedTuple):
    domain: str
    topic: str
    turns: tuple[tuple[str, str], ...]
    question: str
    chosen: str
    creative: bool


def transcript(turns: tuple[tuple[str, str], ...], question: str, answer: str) -> str:
    parts = [f"\n\nHuman: {h}\n\nAssistant: {a}" for h, a in turns]
    parts.append(f"\n\nHuman: {question}\n\nAssistant: {answer}")
    return "".join(parts)


def conversations() -> list[Conversation]:
    convs = [Conversation(q.domain, q.topic, (), q.hh, q.answer, False) for q in QA_ITEMS]
    convs += [Conversation("advice", b.topic, (), b.hh, b.response, False) for b in BRAINSTORM]
    convs += [Conversation("creative", c.topic, (), c.hh, c.response, True) for c in CREATIVE]
    convs += [Conversation(t.domain, t.topic, ((t.q1, t.a1),), t.q2, t.a2, False) for t in TWO_TURN]
    return convs


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0]


def make_off_topic(conv: Conversation, rng: random.Random) -> str:
    # A fluent answer about something else, drawn from texts that are never a chosen answer here: an
    # answer that is chosen in one pair and rejected in another would teach nothing but memorisation.
    others = [text for p in PASSAGES for text in (p.summary, p.extracted) if conv.topic.lower() not in text.lower()]
    return rng.choice(others)


def make_repetitive(conv: Conversation, rng: random.Random) -> str:
    times = rng.randint(3, 6)
    sentence = first_sentence(conv.chosen)
    variant = rng.randrange(3)
    if variant == 0 and len(sentence.split()) <= 22 and "\n" not in sentence:
        return " ".join([sentence] * times)
    if variant <= 1:
        words = conv.chosen.replace("\n", " ").split()
        phrase = " ".join(words[: rng.randint(3, 6)]).rstrip(",;:")
        return " ".join([phrase] * times)
    return " ".join([rng.choice(REPEAT_PHRASES)] * times)


def make_cut_off(conv: Conversation, rng: random.Random) -> str:
    words = conv.chosen.split(" ")
    candidates = [i for i in range(3, len(words) - 1) if not words[i - 1].endswith(_FINAL_PUNCT)]
    low, high = int(len(words) * 0.3), int(len(words) * 0.8)
    preferred = [i for i in candidates if low <= i <= high] or candidates
    text = " ".join(words[: rng.choice(preferred)]).rstrip(",;:-")
    if text.endswith(_FINAL_PUNCT) or text == conv.chosen:
        raise RuntimeError(f"bad truncation for {conv.topic!r}: {text!r}")
    return text


def make_rude(conv: Conversation, rng: random.Random) -> str:
    if not conv.creative and rng.random() < 0.4:
        return rng.choice(RUDE_TOPIC).format(t=conv.topic)
    return f"{rng.choice(RUDE_OPENERS)} {rng.choice(RUDE_CLOSERS)}"


def make_vague(conv: Conversation, rng: random.Random) -> str:
    sentences = rng.sample(VAGUE_SENTENCES, rng.randint(2, 3))
    if not conv.creative and rng.random() < 0.5:
        template = rng.choice(VAGUE_TOPIC)
        sentences.insert(0, template.format(t=conv.topic))
    return " ".join(sentences)


def build_preferences(rng: random.Random) -> tuple[list[dict[str, str]], Counter[str]]:
    convs = conversations()
    rng.shuffle(convs)
    modes = [FAILURE_MODES[i % len(FAILURE_MODES)] for i in range(len(convs))]
    rng.shuffle(modes)
    empty_cycle = list(EMPTY_ANSWERS)
    rng.shuffle(empty_cycle)
    makers = {
        "off_topic": make_off_topic,
        "repetitive": make_repetitive,
        "cut_off": make_cut_off,
        "rude": make_rude,
        "vague": make_vague,
    }
    used: Counter[str] = Counter()
    mode_counts: Counter[str] = Counter()
    rows: list[dict[str, str]] = []
    empty_index = 0
    for conv, mode in zip(convs, modes):
        if mode == "empty":
            rejected = empty_cycle[empty_index % len(empty_cycle)]
            empty_index += 1
        else:
            for _ in range(50):
                rejected = makers[mode](conv, rng)
                if used[rejected] < MAX_REJECTED_REPEATS and rejected != conv.chosen:
                    break
            else:
                raise RuntimeError(f"could not find a fresh {mode} answer for {conv.topic!r}")
        used[rejected] += 1
        mode_counts[mode] += 1
        rows.append({
            "chosen": transcript(conv.turns, conv.question, conv.chosen),
            "rejected": transcript(conv.turns, conv.question, rejected),
        })
    if max(used.values()) > MAX_REJECTED_REPEATS:
        raise RuntimeError("a rejected answer is reused too often")
    return rows, mode_counts


# ---------------------------------------------------------------------------
# PPO prompts.
# ---------------------------------------------------------------------------


def build_ppo_prompts(rng: random.Random, banned: set[str]) -> list[str]:
    candidates: list[str] = []
    candidates += [to_colon_prompt(q.sft) for q in QA_ITEMS]
    candidates += [to_colon_prompt(b.sft) for b in BRAINSTORM]
    candidates += [to_colon_prompt(c.sft) for c in CREATIVE]
    for i, q in enumerate(QA_ITEMS):
        if i % 2 == 0:
            templates = PPO_TOPIC_TEMPLATES_ANY + (PPO_TOPIC_TEMPLATES_FACT if q.kind == "o" else ())
            candidates.append(rng.choice(templates).format(t=q.topic))
    for i, b in enumerate(BRAINSTORM):
        candidates.append(PPO_ADVICE_TEMPLATES[i % len(PPO_ADVICE_TEMPLATES)].format(t=b.topic))
    for i, subject in enumerate(PPO_CREATIVE_SUBJECTS):
        candidates.append(PPO_CREATIVE_TEMPLATES[i % len(PPO_CREATIVE_TEMPLATES)].format(t=subject))
    candidates += list(PPO_MISC)
    prompts: list[str] = []
    seen: set[str] = set()
    for prompt in candidates:
        key = normalize(prompt)
        if key in seen or key in banned:
            continue
        if not prompt.endswith(":") or "?" in prompt or "\n" in prompt:
            raise ValueError(f"bad PPO prompt: {prompt!r}")
        seen.add(key)
        prompts.append(prompt)
    rng.shuffle(prompts)
    return prompts


# ---------------------------------------------------------------------------
# Main.
# ---------------------------------------------------------------------------


def human_turns(rows: list[dict[str, str]]) -> list[str]:
    turns: list[str] = []
    for row in rows:
        for chunk in row["chosen"].split("\n\nHuman: ")[1:]:
            turns.append(chunk.split("\n\nAssistant:")[0])
    return turns


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_lines(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def main() -> None:
    validate_content()
    rng = random.Random(SEED)
    test_keys = {normalize(p) for p in TEST_PROMPTS}
    if len(test_keys) != len(TEST_PROMPTS):
        raise ValueError("duplicate test prompts")

    sft = build_sft(rng)
    preferences, mode_counts = build_preferences(rng)
    ppo = build_ppo_prompts(rng, banned=test_keys)

    train_texts = [row["instruction"] for row in sft] + human_turns(preferences) + ppo
    clashes = sorted({t for t in train_texts if normalize(t) in test_keys})
    if clashes:
        raise ValueError(f"test prompts leak into training data: {clashes}")

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    write_jsonl(DATA_DIR / "sft.jsonl", sft)
    write_jsonl(DATA_DIR / "preferences.jsonl", preferences)
    write_lines(DATA_DIR / "ppo_prompts.txt", ppo)
    write_lines(DATA_DIR / "test_prompts.txt", TEST_PROMPTS)

    categories = Counter(row["category"] for row in sft)
    print(f"sft.jsonl: {len(sft)} rows {dict(sorted(categories.items()))}")
    print(f"preferences.jsonl: {len(preferences)} rows {dict(sorted(mode_counts.items()))}")
    print(f"ppo_prompts.txt: {len(ppo)} prompts")
    print(f"test_prompts.txt: {len(TEST_PROMPTS)} prompts")


if __name__ == "__main__":
    main()
