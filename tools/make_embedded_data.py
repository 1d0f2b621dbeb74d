#!/usr/bin/env python3
"""Generate the small embedded teaching dataset shipped in ``rlhf_utils/data/``.

All text below was written for this project; nothing is copied from Dolly,
HH-RLHF, Wikipedia or any other dataset. The script only uses the standard
library and a fixed ``random.Random(0)``, so running it twice produces
byte-identical files.

Usage::

    python tools/make_embedded_data.py

Outputs (in ``rlhf_utils/data/``):

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
DATA_DIR = ROOT / "rlhf_utils" / "data"

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
    Q("science", "photosynthesis", "o", "What is photosynthesis?", "How do plants make their own food?", "Photosynthesis is the process plants use to turn sunlight, water and carbon dioxide into sugar, which they use for energy. Oxygen is released as a by-product, which is why plants are so important for the air we breathe."),
    Q("science", "rainbows", "g", "Explain how a rainbow forms.", "Why do rainbows appear after it rains?", "A rainbow forms when sunlight enters raindrops, bends, reflects off the back of each drop and bends again as it leaves. Each color bends by a slightly different amount, so white light spreads out into a band of colors."),
    Q("science", "the color of the sky", "g", "Why is the sky blue?", "Can you tell me what makes the sky look blue during the day?", "Sunlight contains all colors, but the gases in the air scatter short blue wavelengths much more strongly than long red ones. This scattered blue light reaches our eyes from every direction, so the whole sky looks blue."),
    Q("science", "gravity", "o", "What is gravity?", "What exactly is gravity?", "Gravity is the force of attraction between objects that have mass. It keeps us on the ground, holds the Moon in orbit around Earth and keeps Earth in orbit around the Sun."),
    Q("science", "the boiling point of water", "o", "At what temperature does water boil?", "What temperature does water boil at?", "At sea level, pure water boils at 100 degrees Celsius, or 212 degrees Fahrenheit. At higher altitudes the air pressure is lower, so water boils at a slightly lower temperature."),
    Q("science", "atoms", "o", "What is an atom?", "Can you explain what atoms are made of?", "An atom is the smallest unit of a chemical element. It has a tiny nucleus of protons and neutrons, surrounded by electrons that move around it."),
    Q("science", "the states of matter", "o", "Name the three common states of matter.", "What are the main states of matter?", "The three common states of matter are solid, liquid and gas. A solid keeps its shape, a liquid takes the shape of its container, and a gas spreads out to fill whatever space it is in."),
    Q("science", "thunder and lightning", "g", "Why do we see lightning before we hear thunder?", "How come lightning shows up before the thunder?", "Light travels nearly a million times faster than sound, so the flash reaches you almost instantly while the sound takes longer. Sound covers roughly one kilometer every three seconds, which lets you estimate how far away a storm is."),
    Q("science", "magnets", "g", "How do magnets work?", "What makes a magnet stick to the fridge?", "Inside a magnet, countless tiny magnetic regions point in the same direction, creating a magnetic field with a north and a south pole. Opposite poles attract, like poles repel, and the field also pulls on metals such as iron, nickel and cobalt."),
    Q("science", "friction", "o", "What is friction?", "Why do things slow down when they slide?", "Friction is a force that resists motion when two surfaces rub against each other. It slows sliding objects, turns some of their energy into heat, and is also what lets our shoes grip the ground."),
    Q("science", "electric circuits", "g", "Explain how a simple electric circuit works.", "How does a light bulb turn on when I flip a switch?", "A circuit is a closed loop that lets electric current flow from a power source, through wires and devices, and back again. Closing a switch completes the loop, so current flows through the bulb and makes it light up."),
    Q("science", "evaporation", "o", "What is evaporation?", "Where does the water go when a puddle dries up?", "Evaporation is when a liquid slowly turns into a gas at its surface. When a puddle dries up, its water molecules escape into the air as water vapor, helped along by warmth and wind."),
    Q("science", "floating and sinking", "g", "Why do some objects float in water while others sink?", "How come a huge ship floats but a small stone sinks?", "An object floats if it weighs less than the water it pushes aside, which depends on its overall density. A steel ship is shaped to enclose a lot of air, so it displaces enough water to float, while a solid stone is denser than water and sinks."),
    Q("science", "the periodic table", "o", "What is the periodic table?", "What is the periodic table used for?", "The periodic table is a chart that arranges all known chemical elements by atomic number. Elements in the same column have similar properties, which helps chemists predict how they will behave."),
    Q("science", "rust", "g", "Why does iron rust?", "What causes rust on my bike chain?", "Rust forms when iron reacts with oxygen and water to make iron oxide. Keeping metal dry, oiled or painted stops moisture from reaching it and slows the process down."),
    Q("science", "acids and bases", "o", "What is the difference between an acid and a base?", "Can you explain acids and bases in simple terms?", "Acids have a pH below 7 and taste sour, like lemon juice or vinegar, while bases have a pH above 7 and feel slippery, like soap. When an acid and a base react, they can neutralize each other."),
    Q("science", "the conservation of energy", "o", "What does the law of conservation of energy say?", "Can you explain the idea that energy can never be destroyed?", "The law of conservation of energy says that energy cannot be created or destroyed, only changed from one form to another. For example, a falling ball turns stored energy into motion, and some of it becomes heat and sound when it lands."),
    Q("science", "temperature conversion", "o", "How do you convert Celsius to Fahrenheit?", "What is the formula for turning Celsius into Fahrenheit?", "Multiply the Celsius temperature by 9, divide by 5 and then add 32. For example, 20 degrees Celsius is 68 degrees Fahrenheit."),
    # Space
    Q("space", "the planets of the solar system", "o", "How many planets are in the solar system?", "How many planets orbit our Sun?", "There are eight planets in our solar system: Mercury, Venus, Earth, Mars, Jupiter, Saturn, Uranus and Neptune. Pluto was reclassified as a dwarf planet in 2006."),
    Q("space", "black holes", "o", "What is a black hole?", "Can you explain black holes in simple terms?", "A black hole is a region of space where gravity is so strong that nothing, not even light, can escape. Many form when very massive stars collapse at the end of their lives."),
    Q("space", "the phases of the Moon", "g", "Why does the Moon change shape during the month?", "What causes the phases of the Moon?", "The Moon does not make its own light, so we only see the half that the Sun lights up. As the Moon orbits Earth over about a month, we see different portions of that lit half, which creates the phases from new moon to full moon."),
    Q("space", "the seasons", "g", "What causes the seasons on Earth?", "Why is it hot in summer and cold in winter?", "The seasons happen because Earth's axis is tilted by about 23.5 degrees. When your hemisphere leans toward the Sun, sunlight arrives more directly and days are longer, giving summer, and when it leans away, you get winter."),
    Q("space", "the Sun", "o", "What is the Sun made of?", "What is our Sun actually made of?", "The Sun is a star made mostly of hydrogen and helium. In its core, nuclear fusion joins hydrogen into helium, releasing the energy that reaches us as light and heat."),
    Q("space", "Mars", "o", "Why is Mars called the Red Planet?", "Why does Mars look red?", "Mars looks red because its surface is covered in dust and rocks rich in iron oxide, which is essentially rust. This reddish dust is also blown into its thin atmosphere, tinting the sky."),
    Q("space", "Jupiter", "o", "What is the largest planet in the solar system?", "Which planet is the biggest one?", "Jupiter is the largest planet in the solar system, about eleven times wider than Earth. It is a gas giant made mostly of hydrogen and helium and is famous for its Great Red Spot, a huge, long-lasting storm."),
    Q("space", "light-years", "o", "What is a light-year?", "Is a light-year a measure of time?", "A light-year is a unit of distance, not time. It is how far light travels in one year, which is about 9.46 trillion kilometers."),
    Q("space", "solar eclipses", "o", "What is a solar eclipse?", "What happens during a solar eclipse?", "A solar eclipse happens when the Moon passes between Earth and the Sun, blocking some or all of the Sun's light. You should never look at one directly without proper eclipse glasses, because it can damage your eyes."),
    Q("space", "the International Space Station", "o", "What is the International Space Station?", "What do astronauts do on the International Space Station?", "The International Space Station is a large research laboratory that orbits Earth about every 90 minutes. Astronauts from several countries live there for months, running experiments on how space affects materials, plants and the human body."),
    Q("space", "twinkling stars", "g", "Why do stars twinkle?", "What makes the stars twinkle at night?", "Stars twinkle because their light passes through layers of moving air in Earth's atmosphere, which bend it slightly in shifting directions. Planets usually twinkle less because they appear as tiny discs rather than single points of light."),
    Q("space", "ocean tides", "g", "What causes ocean tides?", "Why does the sea go in and out every day?", "Tides are caused mainly by the Moon's gravity pulling on Earth's oceans, with some help from the Sun. As Earth rotates, most coasts pass through two high tides and two low tides roughly every day."),
    Q("space", "the Milky Way", "o", "What is the Milky Way?", "What exactly is the Milky Way galaxy?", "The Milky Way is the spiral galaxy that contains our solar system. It holds hundreds of billions of stars, and on a dark night you can see it as a faint band of light across the sky."),
    Q("space", "comets", "o", "What is a comet?", "Why do comets have tails?", "A comet is a small icy body that orbits the Sun. When it comes close to the Sun, its ice turns to gas and releases dust, forming a glowing head and long tails that point away from the Sun."),
    Q("space", "the Moon landing", "o", "When did humans first land on the Moon?", "Who were the first people to walk on the Moon?", "Humans first landed on the Moon on July 20, 1969, during NASA's Apollo 11 mission. Neil Armstrong stepped out first, followed by Buzz Aldrin, while Michael Collins stayed in orbit."),
    # Earth and nature
    Q("earth", "volcanoes", "g", "How do volcanoes form?", "Why do volcanoes erupt?", "Volcanoes form where melted rock called magma rises from deep inside Earth to the surface. Pressure from gas and magma builds up underground, and an eruption happens when it is released through an opening in the crust."),
    Q("earth", "measuring earthquakes", "o", "How are earthquakes measured?", "What scale do scientists use for earthquakes?", "Earthquakes are measured with instruments called seismometers, which record how the ground shakes. Scientists today usually report their size on the moment magnitude scale, where each whole step means about 32 times more energy released."),
    Q("earth", "Mount Everest", "o", "How tall is Mount Everest?", "Can you tell me about Mount Everest?", "Mount Everest is about 8,849 meters tall, making it the highest mountain above sea level. It sits in the Himalayas on the border between Nepal and China."),
    Q("earth", "the Pacific Ocean", "o", "What is the largest ocean on Earth?", "Which ocean is the biggest?", "The Pacific Ocean is the largest ocean on Earth, covering roughly a third of the planet's surface. It stretches from Asia and Australia in the west to the Americas in the east."),
    Q("earth", "the Nile", "o", "What is the longest river in the world?", "Which river is the longest?", "The Nile in Africa is usually listed as the longest river in the world, at about 6,650 kilometers. Some measurements put the Amazon in South America slightly ahead, so the title is still debated."),
    Q("earth", "deserts", "o", "What makes a place a desert?", "Are all deserts hot?", "A desert is defined by how little rain it gets, usually less than about 250 millimeters a year, not by its temperature. That is why Antarctica counts as a desert even though it is extremely cold."),
    Q("earth", "rainforests", "o", "Why are rainforests important?", "What makes tropical rainforests so special?", "Rainforests are home to around half of the world's plant and animal species, even though they cover a small part of the land. They also store huge amounts of carbon and help shape rainfall patterns far beyond their borders."),
    Q("earth", "the continents", "o", "How many continents are there?", "Can you name all the continents?", "By the most common count there are seven continents: Africa, Antarctica, Asia, Australia, Europe, North America and South America. Some countries teach fewer by combining Europe and Asia or North and South America."),
    Q("earth", "glaciers", "o", "What is a glacier?", "How do glaciers form?", "A glacier is a large mass of ice that forms over many years as snow piles up and gets compressed. Glaciers move slowly downhill under their own weight and can carve out valleys as they go."),
    Q("earth", "clouds", "g", "How do clouds form?", "What are clouds made of?", "Clouds form when warm, moist air rises and cools, causing water vapor to condense into tiny droplets or ice crystals around specks of dust. Billions of these droplets together make the clouds we see."),
    Q("earth", "hurricanes", "o", "What is a hurricane?", "How do hurricanes get so strong?", "A hurricane is a powerful tropical storm with winds of at least 119 kilometers per hour that spin around a calm center called the eye. Hurricanes draw their energy from warm ocean water, which is why they weaken once they move over land."),
    Q("earth", "soil", "o", "What is soil made of?", "What is actually in garden soil?", "Soil is a mix of tiny rock particles, decaying plant and animal matter, water, air and countless living organisms. Good soil holds the moisture and nutrients that plants need to grow."),
    Q("earth", "coral reefs", "o", "What are coral reefs?", "Are coral reefs alive?", "Coral reefs are underwater structures built by tiny animals called coral polyps, which make hard skeletons of calcium carbonate. Reefs cover a small part of the ocean floor but support about a quarter of all marine species."),
    Q("earth", "the Sahara", "o", "Where is the Sahara Desert?", "How big is the Sahara?", "The Sahara covers much of North Africa and is the largest hot desert in the world, roughly the size of the United States. It spans more than ten countries, including Egypt, Algeria, Libya and Morocco."),
    Q("earth", "the Amazon rainforest", "o", "Where is the Amazon rainforest?", "Which countries does the Amazon rainforest cover?", "The Amazon rainforest covers a large part of northern South America. Most of it lies in Brazil, but it also stretches into Peru, Colombia and several other countries."),
    Q("earth", "autumn leaves changing color", "g", "Why do leaves change color in autumn?", "Why do leaves turn red and yellow in the fall?", "In autumn, trees stop making chlorophyll, the green pigment used for photosynthesis. As the green fades, yellow and orange pigments that were there all along show through, and some trees also make red pigments."),
    Q("earth", "plant growth", "g", "What do plants need to grow?", "What does a houseplant need to stay healthy?", "Plants need light, water, air and nutrients from the soil to grow well. Most houseplants also do best with good drainage and a spot that is not too hot or too cold."),
    # Geography: capitals
    Q("geography", "Japan", "o", "What is the capital of Japan?", "Which city is Japan's capital?", "The capital of Japan is Tokyo. It is one of the largest cities in the world and the center of Japan's government and economy."),
    Q("geography", "Australia", "o", "What is the capital of Australia?", "Is Sydney the capital of Australia?", "The capital of Australia is Canberra, not Sydney as many people assume. Canberra was purpose-built as a compromise between Sydney and Melbourne, the two largest cities."),
    Q("geography", "Canada", "o", "What is the capital of Canada?", "Which city is the capital of Canada?", "The capital of Canada is Ottawa, which is in the province of Ontario. It is home to Parliament Hill, where the national government meets."),
    Q("geography", "Brazil", "o", "What is the capital of Brazil?", "Is Rio de Janeiro the capital of Brazil?", "The capital of Brazil is Brasília, not Rio de Janeiro. Brasília was built in the late 1950s and became the capital in 1960, replacing Rio."),
    Q("geography", "Kenya", "o", "What is the capital of Kenya?", "What is Kenya's capital city?", "The capital of Kenya is Nairobi, which is also the country's largest city. It is known for Nairobi National Park, a wildlife reserve right on the edge of the city."),
    Q("geography", "Egypt", "o", "What is the capital of Egypt?", "Which city is the capital of Egypt?", "The capital of Egypt is Cairo, which lies on the banks of the Nile River. The famous pyramids of Giza are just outside the city."),
    Q("geography", "Germany", "o", "What is the capital of Germany?", "Which city is Germany's capital?", "The capital of Germany is Berlin, which is also its largest city. Berlin was divided by a wall from 1961 until 1989, and the country was reunified in 1990."),
    Q("geography", "India", "o", "What is the capital of India?", "What is the capital city of India?", "The capital of India is New Delhi, which is part of the larger Delhi metropolitan area. It houses the national parliament and many government offices."),
    Q("geography", "Spain", "o", "What is the capital of Spain?", "Which city is the capital of Spain?", "The capital of Spain is Madrid, located near the center of the country. It is known for its art museums, including the Prado."),
    Q("geography", "Argentina", "o", "What is the capital of Argentina?", "What is Argentina's capital?", "The capital of Argentina is Buenos Aires, which sits on the Río de la Plata estuary. It is famous for its grand architecture and is closely tied to the history of tango."),
    Q("geography", "South Korea", "o", "What is the capital of South Korea?", "Which city is the capital of South Korea?", "The capital of South Korea is Seoul, a large modern city of nearly ten million people. It is a major center for technology, music and food."),
    Q("geography", "Turkey", "o", "What is the capital of Turkey?", "Is Istanbul the capital of Turkey?", "The capital of Turkey is Ankara, not Istanbul, which is the largest city. Ankara became the capital in 1923 when the modern Turkish republic was founded."),
    Q("geography", "Mexico", "o", "What is the capital of Mexico?", "Which city is Mexico's capital?", "The capital of Mexico is Mexico City, one of the largest cities in the Americas. It was built on the site of the ancient Aztec city of Tenochtitlan."),
    Q("geography", "Norway", "o", "What is the capital of Norway?", "Which city is the capital of Norway?", "The capital of Norway is Oslo, which sits at the head of the Oslofjord. It is known for its waterfront, its museums and easy access to forests and hiking trails."),
    Q("geography", "New Zealand", "o", "What is the capital of New Zealand?", "Is Auckland the capital of New Zealand?", "The capital of New Zealand is Wellington, at the southern tip of the North Island. Auckland is the largest city, but Wellington is home to the parliament."),
    Q("geography", "Nigeria", "o", "What is the capital of Nigeria?", "Is Lagos the capital of Nigeria?", "The capital of Nigeria is Abuja, which replaced Lagos as the capital in 1991. Lagos is still the country's largest city and its main business hub."),
]

QA_ITEMS += [
    # Human body and biology
    Q("biology", "the human heart", "o", "What does the heart do?", "How does my heart work?", "The heart is a muscular pump that pushes blood around your body. Its right side sends blood to the lungs to pick up oxygen, and its left side pumps that oxygen-rich blood out to the rest of the body."),
    Q("biology", "the lungs", "o", "What is the job of the lungs?", "What happens inside my body when I breathe?", "The lungs bring oxygen into the body and remove carbon dioxide. When you breathe in, air fills tiny sacs called alveoli, where oxygen passes into the blood and carbon dioxide passes out to be exhaled."),
    Q("biology", "DNA", "o", "What is DNA?", "Can you explain DNA in simple words?", "DNA is the molecule that carries the genetic instructions for how living things grow, function and reproduce. It is shaped like a twisted ladder, called a double helix, and is found in almost every cell."),
    Q("biology", "cells", "o", "What is a cell in biology?", "What are cells?", "A cell is the smallest unit of life that can carry out all the processes needed to live. Some organisms, like bacteria, are a single cell, while the human body is made of trillions of them."),
    Q("biology", "the human skeleton", "o", "How many bones are in the adult human body?", "How many bones does a grown-up have?", "An adult human has 206 bones. Babies are born with more, around 270, but many of them fuse together as the body grows."),
    Q("biology", "the immune system", "o", "What does the immune system do?", "How does my body fight off germs?", "The immune system defends the body against germs such as bacteria and viruses. White blood cells find and destroy invaders, and the body can remember many germs so it responds faster the next time."),
    Q("biology", "vaccines", "g", "Explain how vaccines work.", "How do vaccines protect people?", "A vaccine trains the immune system by showing it a harmless piece or weakened form of a germ. The body learns to recognize it and makes antibodies, so it can fight off the real germ quickly if it ever meets it."),
    Q("biology", "sleep", "g", "Why do we need sleep?", "Why is sleep so important?", "Sleep gives the body time to repair itself and lets the brain store memories and clear out waste. Most adults need seven to nine hours a night to feel alert and stay healthy."),
    Q("biology", "the brain", "o", "What does the brain do?", "How does the human brain work?", "The brain is the body's control center, made of billions of nerve cells that send electrical and chemical signals. It handles thinking, memory, emotions and movement, and it keeps automatic functions like breathing going."),
    Q("biology", "the sense of taste", "o", "What are the five basic tastes?", "How many basic tastes can people detect?", "The five basic tastes are sweet, sour, salty, bitter and umami, which is a savory taste found in foods like broth, cheese and mushrooms. Much of what we call flavor also comes from smell."),
    Q("biology", "teeth", "o", "How many teeth do adults have?", "How many adult teeth should a person have?", "Most adults have 32 teeth, including four wisdom teeth. Many people have fewer because their wisdom teeth never develop or are removed."),
    # Animals
    Q("animals", "bees and pollination", "o", "Why are bees important?", "Why do people say we need to save the bees?", "Bees pollinate many of the plants we eat by carrying pollen from flower to flower as they feed. Without them, crops like apples, almonds and many berries would produce far less food."),
    Q("animals", "mammals", "o", "What makes an animal a mammal?", "How do scientists decide if an animal is a mammal?", "Mammals are warm-blooded animals that have hair or fur and feed their young with milk. Most give birth to live young, although a few, such as the platypus, lay eggs."),
    Q("animals", "whales", "o", "Is a whale a fish?", "Are whales fish or mammals?", "No, a whale is not a fish but a mammal. Whales breathe air through blowholes, are warm-blooded and feed their calves with milk."),
    Q("animals", "octopuses", "o", "How many hearts does an octopus have?", "I heard octopuses have more than one heart. Is that right?", "An octopus has three hearts: two pump blood through its gills, and the third pumps it around the rest of its body. Its blood is also blue because it uses a copper-based protein to carry oxygen."),
    Q("animals", "chameleons", "g", "Why do chameleons change color?", "Do chameleons change color just to hide?", "Chameleons change color mainly to communicate and to control their body temperature, not just to blend in. They do it by adjusting tiny crystals in their skin that reflect light differently."),
    Q("animals", "penguins", "o", "Where do penguins live?", "Do penguins only live at the South Pole?", "Penguins live almost entirely in the Southern Hemisphere, and not only in Antarctica. Different species live in South America, southern Africa, Australia and New Zealand, and one species even lives on the Galápagos Islands near the equator."),
    Q("animals", "dogs wagging their tails", "o", "Why do dogs wag their tails?", "What does it mean when a dog wags its tail?", "Dogs wag their tails to communicate their feelings. A loose, wide wag usually means a dog is happy, but a stiff or fast wag can signal excitement or tension, so it helps to look at the rest of its body too."),
    Q("animals", "cats purring", "o", "Why do cats purr?", "What does it mean when a cat purrs?", "Cats often purr when they are relaxed and content, but they also purr when they are stressed, hurt or giving birth. Scientists think purring may help calm them and could even support healing."),
    Q("animals", "bird migration", "o", "Why do birds migrate?", "Why do some birds fly south for the winter?", "Birds migrate to find food and good places to breed as the seasons change. Many fly toward warmer regions in winter when insects and other food become scarce, then return in spring to nest."),
    Q("animals", "elephants", "o", "What is the largest land animal?", "Which animal is the biggest one living on land?", "The African elephant is the largest land animal, with big males weighing around six tonnes. Elephants are also known for their intelligence, strong family bonds and excellent memories."),
    Q("animals", "the blue whale", "o", "What is the largest animal that has ever lived?", "What is the biggest animal ever?", "The blue whale is the largest animal known to have ever lived, reaching about 30 meters in length. It feeds almost entirely on tiny shrimp-like animals called krill."),
    Q("animals", "cheetahs", "o", "What is the fastest land animal?", "Which animal can run the fastest?", "The cheetah is the fastest land animal, able to sprint at around 100 kilometers per hour. It can only keep up that speed for a short burst of a few hundred meters."),
    Q("animals", "metamorphosis", "g", "How does a caterpillar become a butterfly?", "What happens inside a chrysalis?", "A caterpillar eats and grows, then forms a protective case called a chrysalis. Inside, its body breaks down and reorganizes into a butterfly, which later emerges with wings."),
    Q("animals", "amphibians", "o", "What is an amphibian?", "Why are frogs called amphibians?", "Amphibians are cold-blooded animals, such as frogs, toads and salamanders, that usually start life in water and later live partly on land. Many of them breathe partly through their thin, moist skin."),
    Q("animals", "hibernation", "o", "What is hibernation?", "How do bears get through the winter?", "Hibernation is a deep, long rest that some animals use to survive winter when food is scarce. Their heart rate, breathing and body temperature drop so they can live off stored fat for months."),
    Q("animals", "spiders", "o", "Are spiders insects?", "Is a spider a kind of insect?", "No, spiders are not insects; they are arachnids. Spiders have eight legs and two main body parts, while insects have six legs and three body parts."),
    Q("animals", "fish", "o", "How do fish breathe?", "How can fish breathe underwater?", "Fish breathe using gills, which take in oxygen that is dissolved in the water. Water flows in through the mouth and over the gills, where oxygen passes into the blood before the water flows out."),
    # Health basics
    Q("health", "drinking water", "g", "Why is it important to drink enough water?", "How much water should I drink each day?", "Water helps control body temperature, carries nutrients and keeps your organs working properly. A common guide is six to eight glasses a day, but you may need more when it is hot or when you exercise."),
    Q("health", "physical activity guidelines", "o", "How much exercise do adults need?", "How much should I exercise each week?", "Health guidelines suggest that adults aim for at least 150 minutes of moderate activity a week, such as brisk walking, plus muscle-strengthening exercises twice a week. Even short bursts of activity add up and are better than none."),
    Q("health", "handwashing", "g", "Why should you wash your hands?", "Does washing my hands really stop me from getting sick?", "Washing your hands with soap removes germs that can cause illnesses like colds and stomach bugs. Scrub for at least 20 seconds, especially before eating and after using the toilet."),
    Q("health", "a balanced diet", "g", "What is a balanced diet?", "What should a healthy plate of food look like?", "A balanced diet includes plenty of vegetables and fruit, whole grains, a source of protein and some healthy fats. It also means limiting sugary drinks, heavily processed foods and too much salt."),
    Q("health", "sunscreen", "g", "Why should people wear sunscreen?", "Do I really need sunscreen on cloudy days?", "Sunscreen protects your skin from ultraviolet rays, which cause sunburn, early aging and skin cancer. UV rays pass through clouds, so it is worth wearing sunscreen on overcast days too."),
    Q("health", "stress", "g", "What are some healthy ways to handle stress?", "How can I calm down when I feel stressed?", "Slow, deep breathing, a short walk and talking to someone you trust can all help when you feel stressed. Regular sleep, exercise and breaks from screens also make stress easier to manage over time."),
    Q("health", "colds and flu", "o", "What is the difference between a cold and the flu?", "How can I tell if I have a cold or the flu?", "Both are caused by viruses, but the flu usually comes on suddenly with fever, body aches and exhaustion. A cold tends to be milder, with a runny nose and sore throat, and if symptoms are severe it is best to see a doctor."),
    Q("health", "antibiotics", "o", "Do antibiotics work against viruses?", "Should I take antibiotics for a cold?", "Antibiotics kill bacteria but do not work against viruses, so they will not help a cold or the flu. Taking them when they are not needed also helps bacteria become resistant, so only use them when a doctor prescribes them."),
    Q("health", "good posture", "g", "Why is good posture important?", "How can I sit better at my desk?", "Good posture reduces strain on your back, neck and shoulders. At a desk, keep your feet flat, your screen at eye level and your back supported, and stand up to move every half hour or so."),
    Q("health", "vitamin D", "o", "What does vitamin D do?", "Why do people say we get vitamin D from the sun?", "Vitamin D helps your body absorb calcium, which keeps bones and teeth strong. Your skin makes it when exposed to sunlight, and it is also found in foods like oily fish and eggs."),
    Q("health", "eye strain", "g", "How can you reduce eye strain from screens?", "My eyes get tired from staring at my computer. What can I do?", "Try the 20-20-20 rule: every 20 minutes, look at something 20 feet away for 20 seconds. It also helps to reduce glare, keep the screen about an arm's length away and remember to blink."),
    Q("health", "calories", "o", "What is a calorie?", "What does it mean when food has a lot of calories?", "A calorie is a unit of energy, and the calories in food tell you how much energy it provides. Your body needs energy to function, but regularly eating more than you use can lead to weight gain."),
    Q("health", "treating minor burns", "g", "What should you do for a minor burn?", "I just burned my finger on the stove. What should I do?", "Cool the burn under cool, not icy, running water for about 20 minutes, then cover it loosely with a clean dressing. Avoid butter or ice, and see a doctor if the burn is large, blistering badly or on the face."),
    Q("health", "resting heart rate", "o", "What is a normal resting heart rate?", "What heart rate is normal when I am resting?", "For most adults, a normal resting heart rate is between 60 and 100 beats per minute. Regular exercise tends to lower it, and very fit athletes may have rates around 40 to 60."),
    Q("health", "walking", "g", "What are the health benefits of walking?", "Is walking every day actually good for me?", "Regular walking strengthens your heart, helps manage weight and improves mood. It is gentle on the joints, and even a brisk 30-minute walk on most days can make a real difference."),
    Q("health", "added sugar", "g", "Why is too much sugar bad for you?", "Is eating a lot of sugar really that bad?", "Eating a lot of added sugar can lead to weight gain, tooth decay and a higher risk of type 2 diabetes. Natural sugars in whole fruit are less of a concern because they come with fiber and nutrients."),
    Q("health", "allergies", "o", "What is an allergy?", "Why do some people get hay fever?", "An allergy is when the immune system overreacts to something that is usually harmless, such as pollen, dust or certain foods. With hay fever, pollen triggers sneezing, itchy eyes and a runny nose."),
    # Food and cooking
    Q("food", "boiled eggs", "g", "How do you hard-boil an egg?", "How long should I boil an egg so the yolk is firm?", "Place the egg in boiling water and cook it for about 9 to 12 minutes for a firm yolk. Then move it into cold water to stop the cooking and make it easier to peel."),
    Q("food", "cooking rice", "g", "How do you cook white rice on the stove?", "What is the easiest way to cook rice?", "Rinse the rice, then simmer one cup of it in about one and a half to two cups of water with a lid on for around 15 to 18 minutes. Let it rest, still covered, for five minutes and fluff it with a fork before serving."),
    Q("food", "yeast in bread", "g", "Why does bread dough rise?", "What does yeast actually do in bread?", "Yeast feeds on sugars in the dough and releases carbon dioxide gas. The gas gets trapped in the stretchy gluten network, making the dough rise and giving bread its light, airy texture."),
    Q("food", "kitchen knife safety", "g", "How can you use a kitchen knife safely?", "Do you have any tips so I don't cut myself while chopping?", "Keep your knife sharp, since dull blades slip more easily, and curl your fingertips under when holding food. Cut on a stable board, and never try to catch a falling knife."),
    Q("food", "cooking pasta", "g", "How do you cook pasta properly?", "How do I keep my pasta from getting mushy?", "Cook pasta in a large pot of well-salted, rapidly boiling water and stir it in the first minute so it does not stick. Start tasting a minute or two before the package time, and drain it when it is tender but still slightly firm."),
    Q("food", "storing leftovers", "g", "How long can you keep leftovers in the fridge?", "Are leftovers still safe to eat after a few days?", "Most cooked leftovers are safe in the fridge for about three to four days if they were cooled and stored promptly. If you will not eat them by then, freeze them, and throw out anything that smells or looks off."),
    Q("food", "vinaigrette", "g", "How do you make a basic vinaigrette?", "What is a simple salad dressing I can make at home?", "A classic vinaigrette uses about three parts oil to one part vinegar, with a pinch of salt and pepper. Shake or whisk it together, and add mustard or honey if you want it creamier or sweeter."),
    Q("food", "baking soda and baking powder", "o", "What is the difference between baking soda and baking powder?", "Can I use baking soda instead of baking powder?", "Baking soda is a base that needs an acidic ingredient, like buttermilk or yogurt, to make baked goods rise. Baking powder already contains both the base and an acid, so the two are not simple one-for-one substitutes."),
    Q("food", "onions", "o", "Why do onions make you cry?", "Why do my eyes water when I cut onions?", "Cutting an onion breaks its cells and releases a compound that turns into an irritating gas. When that gas reaches your eyes, they make tears to wash it away, and chilling the onion first can help."),
    Q("food", "seasoning with salt", "g", "Why do recipes tell you to salt food while cooking?", "When should I add salt when I cook?", "Salting during cooking lets the salt spread evenly and bring out the natural flavors of the food. Adding a little at several stages and tasting as you go usually works better than adding a lot at the end."),
    Q("food", "sourdough bread", "o", "What is sourdough bread?", "How is sourdough different from regular bread?", "Sourdough is bread leavened with a starter, a mix of flour and water full of wild yeast and bacteria, instead of packaged yeast. The slow fermentation gives it a tangy flavor and a chewy texture."),
    Q("food", "protein", "o", "What is protein and why do we need it?", "Why do people say protein is so important?", "Protein provides the building blocks your body uses to build and repair muscles, skin and other tissues. Good sources include beans, lentils, eggs, dairy, fish, meat and tofu."),
    Q("food", "kitchen hygiene", "g", "How do you avoid cross-contamination in the kitchen?", "Is it okay to use the same cutting board for raw chicken and vegetables?", "It is safest to use separate cutting boards for raw meat and for foods that will not be cooked, such as salad vegetables and bread. Wash boards, knives and your hands with hot, soapy water after handling raw meat."),
    Q("food", "ripening fruit", "g", "How can you make an avocado ripen faster?", "My avocados are rock hard. How can I speed them up?", "Put the avocado in a paper bag with a banana or an apple and leave it at room temperature. These fruits release ethylene gas, which speeds up ripening, usually within a day or two."),
    Q("food", "vegetable soup", "g", "How do you make a simple vegetable soup?", "What is an easy soup for a beginner cook?", "Soften chopped onion, carrot and celery in a little oil, then add other vegetables, stock and seasoning. Simmer for about 20 to 30 minutes until everything is tender, and blend it if you like a smooth soup."),
    Q("food", "caffeine", "o", "How does caffeine keep you awake?", "Why does coffee wake me up?", "Caffeine blocks adenosine, a chemical that builds up in the brain during the day and makes you feel sleepy. Its effects can last several hours, so it is best to avoid it late in the afternoon if you want to sleep well."),
    Q("food", "tea", "o", "What is the difference between green tea and black tea?", "Do green tea and black tea come from the same plant?", "Green, black, white and oolong teas all come from the same plant, Camellia sinensis. The difference lies in how the leaves are processed, especially how much they are allowed to oxidize."),
    Q("food", "chocolate", "o", "What is chocolate made from?", "How is chocolate made?", "Chocolate is made from the seeds of the cacao tree, which are fermented, dried, roasted and ground into a paste. This paste is mixed with sugar and often milk to make the chocolate we eat."),
    Q("food", "sushi", "o", "What is sushi?", "Does sushi always have raw fish in it?", "Sushi is a Japanese dish built around vinegared rice, often combined with seafood, vegetables or seaweed. Not all sushi contains raw fish, and many popular kinds use cooked fish, egg or vegetables instead."),
    Q("food", "meal prepping", "g", "What is meal prepping?", "How can I save time cooking during the week?", "Meal prepping means cooking or preparing food in advance, often on the weekend, for several meals ahead. Cooking a big batch of grains, roasting vegetables and portioning meals into containers can save time and money on busy days."),
]
